package org.ingestplugins.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import morfologik.stemming.DictionaryLookup;
import morfologik.stemming.WordData;

/**
 * Lemmas of one Ukrainian word, lower-cased, most likely reading first.
 *
 * <p>The word is normalised ({@link UkrainianText}) and looked up lower-cased, as the dictionary
 * is keyed. A form can belong to several lemmas ({@code києві}: {@code кий}, {@code Кий},
 * {@code Київ}); the case of the word in the text chooses among them:
 *
 * <ul>
 *   <li>a lower-case word keeps every lemma ({@code києві}: {@code кий}, {@code київ}), so a
 *       lower-case query still finds the proper noun;
 *   <li>a capitalised word keeps the proper-noun lemmas when there are any ({@code України}:
 *       {@code україна}), an all-capitals word the all-capitals ones first ({@code НАТО}, not
 *       {@code Ната}); and when a capitalised form reads as both a person and a place or thing,
 *       the place or thing ({@code Києві}: {@code київ}, not {@code кий}; {@code Харкові}:
 *       {@code харків}, not {@code харко}).
 * </ul>
 *
 * A word the dictionary does not know is its own lemma, lower-cased. Not thread-safe (the
 * lookup reuses its buffers): one per token stream.
 */
final class UkrainianLemmatizer {
    private final DictionaryLookup lookup = new DictionaryLookup(UkrainianDictionary.get());

    /** The lemmas of {@code token}, never empty. */
    List<String> lemmas(CharSequence token) {
        String word = UkrainianText.normalize(token);
        String lower = word.toLowerCase(Locale.ROOT);
        Map<String, Boolean> found = new LinkedHashMap<>(); // lemma -> has an inanimate reading
        for (WordData entry : lookup.lookup(lower)) {
            CharSequence tag = entry.getTag();
            found.merge(entry.getStem().toString(), tag != null && inanimate(tag), Boolean::logicalOr);
        }
        if (found.isEmpty()) {
            return List.of(lower);
        }
        Set<String> out = new LinkedHashSet<>();
        for (String lemma : choose(word, found)) {
            out.add(lemma.toLowerCase(Locale.ROOT));
        }
        return new ArrayList<>(out);
    }

    private static List<String> choose(String word, Map<String, Boolean> found) {
        List<String> all = new ArrayList<>(found.keySet());
        if (word.isEmpty() || !Character.isUpperCase(word.codePointAt(0))) {
            return all;
        }
        if (allCapitals(word)) {
            List<String> abbreviations = all.stream().filter(UkrainianLemmatizer::allCapitals).toList();
            if (!abbreviations.isEmpty()) {
                return abbreviations;
            }
        }
        List<String> proper = all.stream().filter(l -> Character.isUpperCase(l.codePointAt(0))).toList();
        if (proper.isEmpty()) {
            return all;
        }
        List<String> things = proper.stream().filter(found::get).toList();
        return things.isEmpty() ? proper : things;
    }

    /** Two or more letters, none of them lower case. */
    private static boolean allCapitals(String text) {
        long letters = text.codePoints().filter(Character::isLetter).count();
        return letters > 1 && text.codePoints().noneMatch(Character::isLowerCase);
    }

    /** Whether a tag such as {@code noun:inanim:f:v_rod|noun:inanim:p:v_naz} says inanimate. */
    private static boolean inanimate(CharSequence tag) {
        for (String part : tag.toString().split("[:|]")) {
            if (part.equals("inanim")) {
                return true;
            }
        }
        return false;
    }
}
