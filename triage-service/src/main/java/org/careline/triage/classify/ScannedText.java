package org.careline.triage.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Message text split into clauses of lower-case words, for phrase lookups with negation awareness:
 * a phrase is negated when a negation cue ("no", "denies", "without") appears within a few words
 * before it in the same clause. Clauses end at punctuation and at break words such as "but", so
 * "no fever but chest pain" still finds chest pain. Lives only while one message is classified.
 */
final class ScannedText {

    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+|[.!?;,:()\\n]");
    private static final Pattern APOSTROPHES = Pattern.compile("['’`]");

    private final List<List<String>> clauses;
    private final Set<String> negationCues;
    private final int negationWindow;

    private ScannedText(List<List<String>> clauses, Set<String> negationCues, int negationWindow) {
        this.clauses = clauses;
        this.negationCues = negationCues;
        this.negationWindow = negationWindow;
    }

    /** Lower case without apostrophes, so that "can't" and "cant" are the same word. */
    static String normalize(String text) {
        return APOSTROPHES.matcher(text.toLowerCase(Locale.ROOT)).replaceAll("");
    }

    static ScannedText of(String text, Set<String> clauseBreaks, Set<String> negationCues, int negationWindow) {
        List<List<String>> clauses = new ArrayList<>();
        List<String> current = new ArrayList<>();
        Matcher m = TOKEN.matcher(normalize(text));
        while (m.find()) {
            String token = m.group();
            boolean word = Character.isLetterOrDigit(token.codePointAt(0));
            if (!word || clauseBreaks.contains(token)) {
                close(clauses, current);
                current = new ArrayList<>();
            } else {
                current.add(token);
            }
        }
        close(clauses, current);
        return new ScannedText(clauses, negationCues, negationWindow);
    }

    private static void close(List<List<String>> clauses, List<String> clause) {
        if (!clause.isEmpty()) {
            clauses.add(List.copyOf(clause));
        }
    }

    Presence presenceOf(Phrase phrase) {
        boolean negated = false;
        for (List<String> clause : clauses) {
            for (int i = 0; i + phrase.size() <= clause.size(); i++) {
                if (phrase.matchesAt(clause, i)) {
                    if (!negatedAt(clause, i)) {
                        return Presence.PRESENT;
                    }
                    negated = true;
                }
            }
        }
        return negated ? Presence.NEGATED : Presence.ABSENT;
    }

    private boolean negatedAt(List<String> clause, int start) {
        for (int i = Math.max(0, start - negationWindow); i < start; i++) {
            if (negationCues.contains(clause.get(i))) {
                return true;
            }
        }
        return false;
    }
}
