package org.ingestplugins.analysis;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;

/**
 * Reads {@code mapping} rules as Elasticsearch does: {@code KEY=>VALUE}, split at the last
 * {@code =>}, blanks after the arrow ignored, and in both sides the escapes {@code \\}, {@code
 * \n}, {@code \t}, {@code \r}, {@code \b}, {@code \f} and {@code \}{@code uXXXX}; any other
 * escaped character stands for itself.
 */
final class MappingRules {
    private static final String ARROW = "=>";

    private MappingRules() {}

    /**
     * The char map of {@code rules}, {@code null} when there are none; an unreadable,
     * empty-keyed or repeated rule is an error.
     */
    static NormalizeCharMap parse(List<String> rules) {
        if (rules == null || rules.isEmpty()) {
            return null;
        }
        NormalizeCharMap.Builder builder = new NormalizeCharMap.Builder();
        Set<String> keys = new HashSet<>();
        for (String rule : rules) {
            int arrow = rule.lastIndexOf(ARROW);
            if (arrow < 0) {
                throw new IllegalArgumentException("invalid mapping rule [" + rule + "]: expected KEY=>VALUE");
            }
            String key = unescape(rule.substring(0, arrow), rule);
            String value = unescape(rule.substring(arrow + ARROW.length()).stripLeading(), rule);
            if (key.isEmpty()) {
                throw new IllegalArgumentException("invalid mapping rule [" + rule + "]: empty key");
            }
            if (!keys.add(key)) {
                throw new IllegalArgumentException("invalid mapping rule [" + rule + "]: key mapped twice");
            }
            builder.add(key, value);
        }
        return builder.build();
    }

    /** {@code text} with its backslash escapes resolved. */
    static String unescape(String text, String rule) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (++i == text.length()) {
                throw new IllegalArgumentException("invalid mapping rule [" + rule + "]: trailing backslash");
            }
            char escaped = text.charAt(i);
            switch (escaped) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    out.append(hexChar(text, i + 1, rule));
                    i += 4;
                }
                default -> out.append(escaped);
            }
        }
        return out.toString();
    }

    /** The character of the four hex digits at {@code start}. */
    private static char hexChar(String text, int start, String rule) {
        int code = 0;
        for (int i = start; i < start + 4; i++) {
            int digit = i < text.length() ? Character.digit(text.charAt(i), 16) : -1;
            if (digit < 0) {
                throw new IllegalArgumentException(
                        "invalid mapping rule [" + rule + "]: \\u needs four hex digits");
            }
            code = code * 16 + digit;
        }
        return (char) code;
    }
}
