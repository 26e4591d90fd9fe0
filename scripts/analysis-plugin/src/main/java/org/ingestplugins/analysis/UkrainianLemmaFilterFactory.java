package org.ingestplugins.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/**
 * The {@code ingest_uk_lemma} token filter: each Ukrainian word becomes its dictionary lemmas,
 * lower-cased ({@code партією} gives {@code партія}, {@code України} gives {@code україна}).
 * Best right after the tokenizer (it lower-cases itself and uses the case of the word to
 * choose among lemmas); a {@code lowercase} filter ahead of it is fine too. It normalises
 * apostrophe variants, the stress mark and the soft hyphen inside tokens; a backtick used as an
 * apostrophe splits the word in the standard tokenizer, so map it with a char filter first.
 */
@NamedComponent("ingest_uk_lemma")
public final class UkrainianLemmaFilterFactory implements TokenFilterFactory {

    /** Built by Elasticsearch for each index that uses the filter. */
    public UkrainianLemmaFilterFactory() {}

    @Override
    public TokenStream create(TokenStream input) {
        return new UkrainianLemmaFilter(input);
    }
}
