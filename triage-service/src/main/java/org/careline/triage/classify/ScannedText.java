package org.careline.triage.classify;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Message text as clauses of normalized words (lower case, no accents, no apostrophes), for phrase
 * lookups. Clauses end at punctuation and at break words ("but", "now"), so that negation, hypothetical
 * and history cues stay local: "no fever but chest pain" still finds chest pain. The subject's clauses
 * are marked, so that category scoring can weigh them less. Lives only while one message is classified.
 */
final class ScannedText {

    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+(?:\\.\\d+)?|[.!?;,:()\\n]");
    private static final Pattern APOSTROPHES = Pattern.compile("['’`]");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    /** One clause: its words and whether it comes from the subject line. */
    record Clause(List<String> words, boolean subject) {
    }

    private final List<Clause> clauses;
    private final String normalized;

    private ScannedText(List<Clause> clauses, String normalized) {
        this.clauses = clauses;
        this.normalized = normalized;
    }

    /** Lower case without accents or apostrophes: "can't" is "cant", "mamá" is "mama". */
    static String normalize(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        String stripped = MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFD)).replaceAll("");
        return APOSTROPHES.matcher(stripped).replaceAll("");
    }

    static ScannedText of(String subject, String body, Set<String> clauseBreaks) {
        List<Clause> clauses = new ArrayList<>();
        split(subject, true, clauseBreaks, clauses);
        split(body, false, clauseBreaks, clauses);
        return new ScannedText(List.copyOf(clauses),
                normalize((subject == null ? "" : subject) + "\n" + (body == null ? "" : body)));
    }

    private static void split(String text, boolean subject, Set<String> breaks, List<Clause> out) {
        if (text == null) {
            return;
        }
        List<String> current = new ArrayList<>();
        Matcher m = TOKEN.matcher(normalize(text));
        while (m.find()) {
            String token = m.group();
            boolean word = Character.isLetterOrDigit(token.codePointAt(0));
            if (!word || breaks.contains(token)) {
                close(out, current, subject);
                current = new ArrayList<>();
            } else {
                current.add(token);
            }
        }
        close(out, current, subject);
    }

    private static void close(List<Clause> out, List<String> words, boolean subject) {
        if (!words.isEmpty()) {
            out.add(new Clause(List.copyOf(words), subject));
        }
    }

    List<Clause> clauses() {
        return clauses;
    }

    /** The whole normalized text, for number patterns such as blood pressures ("188/106"). */
    String normalized() {
        return normalized;
    }

    /** Every word of the message in order (subject first), ignoring clause boundaries. */
    List<String> words() {
        List<String> all = new ArrayList<>();
        clauses.forEach(c -> all.addAll(c.words()));
        return all;
    }
}
