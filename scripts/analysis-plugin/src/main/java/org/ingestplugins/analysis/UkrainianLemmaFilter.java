package org.ingestplugins.analysis;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Replaces each token by its lemmas ({@link UkrainianLemmatizer}): the first in the token's
 * place, any others at the same position (increment 0), all with the token's offsets. Tokens
 * marked as keywords pass unchanged.
 */
public final class UkrainianLemmaFilter extends TokenFilter {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute increment = addAttribute(PositionIncrementAttribute.class);
    private final KeywordAttribute keyword = addAttribute(KeywordAttribute.class);
    private final UkrainianLemmatizer lemmatizer = new UkrainianLemmatizer();
    private final ArrayDeque<String> pending = new ArrayDeque<>();
    private State token;

    /** Lemmatises the tokens of {@code input}. */
    public UkrainianLemmaFilter(TokenStream input) {
        super(input);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!pending.isEmpty()) {
            restoreState(token);
            term.setEmpty().append(pending.poll());
            increment.setPositionIncrement(0);
            return true;
        }
        if (!input.incrementToken()) {
            return false;
        }
        if (keyword.isKeyword()) {
            return true;
        }
        List<String> lemmas = lemmatizer.lemmas(term);
        term.setEmpty().append(lemmas.get(0));
        if (lemmas.size() > 1) {
            pending.addAll(lemmas.subList(1, lemmas.size()));
            token = captureState();
        }
        return true;
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        pending.clear();
        token = null;
    }
}
