package org.ingestplugins.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.AnalyzerFactory;

/**
 * The {@code ukrainian} analyzer, standing in on the test node for the one of the official
 * analysis-ukrainian plugin (same dictionary; see {@link UkrainianAnalyzer}).
 */
@NamedComponent("ukrainian")
public final class UkrainianAnalyzerFactory implements AnalyzerFactory {

    /** Built by Elasticsearch for each index that uses the analyzer. */
    public UkrainianAnalyzerFactory() {}

    @Override
    public Analyzer create() {
        return new UkrainianAnalyzer();
    }
}
