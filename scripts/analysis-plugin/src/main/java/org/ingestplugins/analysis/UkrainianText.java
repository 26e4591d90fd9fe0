package org.ingestplugins.analysis;

import org.apache.lucene.analysis.charfilter.NormalizeCharMap;

/**
 * The spelling variants the dictionary does not know: apostrophe look-alikes ({@code ’ ʼ ‘ `
 * ´}) become {@code '}, the stress mark U+0301 and the soft hyphen U+00AD go, and {@code ґ}
 * becomes {@code г} (the search dictionary spells every word with {@code г}).
 */
final class UkrainianText {
    private static final String APOSTROPHES = "\u2019\u02BC\u2018`\u00B4";
    private static final String DROPPED = "\u0301\u00AD";

    /** The same replacements as a char map, for a char filter ahead of the tokenizer. */
    static final NormalizeCharMap CHAR_MAP = charMap();

    private UkrainianText() {}

    /** {@code word} with the replacements above. */
    static String normalize(CharSequence word) {
        StringBuilder out = new StringBuilder(word.length());
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (APOSTROPHES.indexOf(c) >= 0) {
                out.append('\'');
            } else if (c == 'ґ') {
                out.append('г');
            } else if (c == 'Ґ') {
                out.append('Г');
            } else if (DROPPED.indexOf(c) < 0) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static NormalizeCharMap charMap() {
        NormalizeCharMap.Builder builder = new NormalizeCharMap.Builder();
        for (char c : APOSTROPHES.toCharArray()) {
            builder.add(String.valueOf(c), "'");
        }
        for (char c : DROPPED.toCharArray()) {
            builder.add(String.valueOf(c), "");
        }
        builder.add("ґ", "г");
        builder.add("Ґ", "Г");
        return builder.build();
    }
}
