package org.careline.triage.classify;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
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

    /**
     * The text last scanned on this thread: the rules, the model's features and the visit rules each scan the same
     * message one after the other, and get the same instance (and so share {@link #memo}). Holds one message per
     * thread until the thread's next one (never logged or exported).
     */
    private static final ThreadLocal<ScannedText> LAST = new ThreadLocal<>();

    private final List<Clause> clauses;
    private final String normalized;
    private final String subject;
    private final String body;
    private final Set<String> clauseBreaks;
    private final Map<Object, Object> memos = new IdentityHashMap<>(4);
    private List<String> words;

    private ScannedText(List<Clause> clauses, String normalized, String subject, String body, Set<String> clauseBreaks) {
        this.clauses = clauses;
        this.normalized = normalized;
        this.subject = subject;
        this.body = body;
        this.clauseBreaks = clauseBreaks;
    }

    /** Lower case without accents or apostrophes: "can't" is "cant", "mamá" is "mama". */
    static String normalize(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        String stripped = MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFD)).replaceAll("");
        return APOSTROPHES.matcher(stripped).replaceAll("");
    }

    static ScannedText of(String subject, String body, Set<String> clauseBreaks) {
        ScannedText last = LAST.get();
        if (last != null && last.clauseBreaks == clauseBreaks && Objects.equals(last.subject, subject)
                && Objects.equals(last.body, body)) {
            return last;
        }
        List<Clause> clauses = new ArrayList<>();
        split(subject, true, clauseBreaks, clauses);
        split(body, false, clauseBreaks, clauses);
        ScannedText text = new ScannedText(List.copyOf(clauses),
                normalize((subject == null ? "" : subject) + "\n" + (body == null ? "" : body)), subject, body,
                clauseBreaks);
        LAST.set(text);
        return text;
    }

    /**
     * Per-text state kept for {@code owner} (e.g. what a {@link Finder} of one compiled rules already looked up),
     * created on first use. A text is used by one thread only.
     */
    @SuppressWarnings("unchecked")
    <T> T memo(Object owner, Supplier<T> create) {
        return (T) memos.computeIfAbsent(owner, o -> create.get());
    }

    /** Titles written with a full stop before a name ("Dr. Singh", "Mrs. Ruiz"): the stop is not a clause break. */
    private static final Set<String> TITLES = Set.of("dr", "dra", "mr", "mrs", "ms", "sr", "sra", "srta", "jr", "st", "prof");

    private static void split(String text, boolean subject, Set<String> breaks, List<Clause> out) {
        if (text == null) {
            return;
        }
        List<String> current = new ArrayList<>();
        Matcher m = TOKEN.matcher(normalize(text));
        while (m.find()) {
            String token = m.group();
            boolean word = Character.isLetterOrDigit(token.codePointAt(0));
            if (".".equals(token) && !current.isEmpty() && TITLES.contains(current.get(current.size() - 1))) {
                continue; // "Dr. Singh": a title's full stop does not end the clause
            }
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

    /** Every word of the message in order (subject first), ignoring clause boundaries (made once per text). */
    List<String> words() {
        if (words == null) {
            List<String> all = new ArrayList<>();
            clauses.forEach(c -> all.addAll(c.words()));
            words = List.copyOf(all);
        }
        return words;
    }
}
