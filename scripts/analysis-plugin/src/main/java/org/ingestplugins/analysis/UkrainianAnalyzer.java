package org.ingestplugins.analysis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * Ukrainian text to lemmas: spelling variants normalised ahead of the tokenizer ({@link
 * UkrainianText}), standard tokenizer, stop words (any case; the list is the project's, the one
 * in {@code ingest_plugins/es/analysis.py}), then {@link UkrainianLemmaFilter}.
 */
final class UkrainianAnalyzer extends Analyzer {
    static final CharArraySet STOPWORDS = readStopwords();

    @Override
    protected Reader initReader(String fieldName, Reader reader) {
        return new MappingCharFilter(UkrainianText.CHAR_MAP, reader);
    }

    @Override
    protected Reader initReaderForNormalization(String fieldName, Reader reader) {
        return initReader(fieldName, reader);
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new StandardTokenizer();
        TokenStream stream = new StopFilter(source, STOPWORDS);
        return new TokenStreamComponents(source, new UkrainianLemmaFilter(stream));
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new LowerCaseFilter(in);
    }

    private static CharArraySet readStopwords() {
        List<String> words = new ArrayList<>();
        try (InputStream in = UkrainianAnalyzer.class.getResourceAsStream("uk-stopwords.txt")) {
            if (in == null) {
                throw new IOException("uk-stopwords.txt is missing from the plugin jar");
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String word = line.strip();
                if (!word.isEmpty() && !word.startsWith("#")) {
                    words.add(word);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return CharArraySet.unmodifiableSet(new CharArraySet(words, true));
    }
}
