package org.careline.triage.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rule phrase as a sequence of words, normalized like message text ({@link ScannedText}). A word
 * ending in {@code *} matches any word starting with it: {@code refill*} matches "refills".
 */
final class Phrase {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+\\*?");

    private final String text;
    private final String[] words;

    private Phrase(String text, String[] words) {
        this.text = text;
        this.words = words;
    }

    static Phrase of(String text) {
        Matcher m = WORD.matcher(ScannedText.normalize(text));
        List<String> words = new ArrayList<>();
        while (m.find()) {
            words.add(m.group());
        }
        if (words.isEmpty()) {
            throw new IllegalStateException("a triage phrase has no words: '" + text + "'");
        }
        return new Phrase(text.toLowerCase(Locale.ROOT), words.toArray(String[]::new));
    }

    /** The phrase as the rules spell it, for explanations. */
    String text() {
        return text;
    }

    int size() {
        return words.length;
    }

    boolean matchesAt(List<String> clause, int start) {
        if (start + words.length > clause.size()) {
            return false;
        }
        for (int i = 0; i < words.length; i++) {
            String expected = words[i];
            String actual = clause.get(start + i);
            boolean matches = expected.endsWith("*")
                    ? actual.startsWith(expected.substring(0, expected.length() - 1))
                    : actual.equals(expected);
            if (!matches) {
                return false;
            }
        }
        return true;
    }
}
