package org.ingestplugins.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.AnalyzerFactory;

/**
 * The {@code english} analyzer: Lucene's English chain (standard tokenizer, possessive {@code
 * 's} removal, lower case, English stop words, Porter stemming), as analysis-common's analyzer
 * of that name builds it without settings: {@code treaties} gives {@code treati}, {@code
 * Russia's} gives {@code russia}.
 */
@NamedComponent("english")
public final class EnglishAnalyzerFactory implements AnalyzerFactory {

    /** Built by Elasticsearch for each index that uses the analyzer. */
    public EnglishAnalyzerFactory() {}

    @Override
    public Analyzer create() {
        return new EnglishAnalyzer();
    }
}
