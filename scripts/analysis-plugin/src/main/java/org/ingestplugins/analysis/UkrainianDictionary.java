package org.ingestplugins.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import morfologik.stemming.Dictionary;

/**
 * The morfologik-ukrainian-search dictionary (the one the official analysis-ukrainian plugin
 * uses), read once from its jar inside this plugin and shared by every filter: its keys are the
 * lower-cased word forms, its entries the lemmas (proper nouns capitalised) with their tags.
 */
final class UkrainianDictionary {
    private static final String FSA = "ua/net/nlp/ukrainian.dict";
    private static final String INFO = "ua/net/nlp/ukrainian.info";
    private static volatile Dictionary dictionary;

    private UkrainianDictionary() {}

    /** The dictionary, read on first use; a failed read is retried on the next call. */
    static Dictionary get() {
        Dictionary loaded = dictionary;
        if (loaded == null) {
            synchronized (UkrainianDictionary.class) {
                loaded = dictionary;
                if (loaded == null) {
                    loaded = read();
                    dictionary = loaded;
                }
            }
        }
        return loaded;
    }

    /*
     * Through this class's module: when Elasticsearch loads the plugin's jars as one module the
     * dictionary's folder is a package of that module (readable from inside it, not through the
     * class loader); otherwise the module is unnamed and the class loader is asked.
     */
    private static Dictionary read() {
        Module module = UkrainianDictionary.class.getModule();
        try (InputStream fsa = module.getResourceAsStream(FSA);
                InputStream info = module.getResourceAsStream(INFO)) {
            if (fsa == null || info == null) {
                throw new IOException(FSA + " or " + INFO + " is not in the plugin (morfologik-ukrainian-search jar missing?)");
            }
            return Dictionary.read(fsa, info);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Ukrainian dictionary: " + e.getMessage(), e);
        }
    }
}
