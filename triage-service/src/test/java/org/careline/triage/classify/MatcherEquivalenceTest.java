package org.careline.triage.classify;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fast word matcher decides exactly as the plain definition ({@link ReferenceWordMatcher}): on every pair of a
 * word of the shipped rules and a word of the labelled messages (dev set and every probe round), so that every
 * phrase, and therefore every decision and explanation on those messages, is unchanged; and on every pair of short
 * words over a small alphabet, so that one and two edits of each kind (and their near misses) are covered.
 */
class MatcherEquivalenceTest {

    @Test
    void decidesEveryPairOfTheShippedRulesAndLabelledMessagesAsBefore() {
        TriageRules.Matching settings = TriageRules.fromClasspath("triage-rules.json").matching();
        WordMatcher fast = new WordMatcher(settings.minLength(), settings.longLength());
        ReferenceWordMatcher plain = new ReferenceWordMatcher(settings.minLength(), settings.longLength());
        List<String> ruleWords = List.copyOf(MatcherCorpus.ruleWords());
        List<String> messageWords = List.copyOf(MatcherCorpus.messageWords());
        assertTrue(ruleWords.size() > 500 && messageWords.size() > 1000, "the corpus was read");
        int matched = 0;
        int typos = 0;
        for (String rule : ruleWords) {
            for (String word : messageWords) {
                boolean expected = plain.matches(rule, word);
                assertEquals(expected, fast.matches(rule, word), () -> "'" + rule + "' against '" + word + "'");
                if (expected) {
                    matched++;
                    if (!rule.equals(word) && !rule.endsWith("*")) {
                        typos++;
                    }
                }
            }
        }
        assertTrue(typos > 0 && matched > typos, "the corpus exercises exact, prefix and typo matches");
    }

    @Test
    void decidesEveryPairOfShortWordsAsBefore() {
        List<String> words = new ArrayList<>();
        words.add("");
        for (int length = 1; length <= 6; length++) {
            addAll("", length, "abc", words);
        }
        words.addAll(List.of("1abc", "12345", "a*", "ab*", "abc*", "b*"));
        for (int[] settings : new int[][] {{2, 4}, {3, 5}, {4, 6}}) {
            WordMatcher fast = new WordMatcher(settings[0], settings[1]);
            ReferenceWordMatcher plain = new ReferenceWordMatcher(settings[0], settings[1]);
            for (String rule : words) {
                if (rule.isEmpty() || rule.equals("*")) {
                    continue; // never a compiled rule word
                }
                for (String word : words) {
                    if (word.isEmpty()) {
                        continue; // never a scanned word
                    }
                    assertEquals(plain.matches(rule, word), fast.matches(rule, word),
                            () -> "'" + rule + "' against '" + word + "' with " + settings[0] + "/" + settings[1]);
                }
            }
        }
    }

    @Test
    void oneEditIsTheOptimalStringAlignmentDistanceOfOne() {
        assertTrue(WordMatcher.withinOneEdit("prescription", "perscription"), "one swap");
        assertTrue(!WordMatcher.withinOneEdit("prescription", "prscriptoin"), "a deletion and a swap");
        assertTrue(WordMatcher.withinOneEdit("prescription", "prescriptoin"), "a swap at the end");
        assertTrue(WordMatcher.withinOneEdit("refill", "refil"), "one deletion");
        assertTrue(WordMatcher.withinOneEdit("refill", "reffill"), "one insertion");
        assertTrue(WordMatcher.withinOneEdit("refill", "refull"), "one substitution");
        assertTrue(!WordMatcher.withinOneEdit("refill", "rafull"), "two substitutions");
    }

    private static void addAll(String prefix, int length, String alphabet, List<String> out) {
        if (prefix.length() == length) {
            out.add(prefix);
            return;
        }
        for (char c : alphabet.toCharArray()) {
            addAll(prefix + c, length, alphabet, out);
        }
    }
}
