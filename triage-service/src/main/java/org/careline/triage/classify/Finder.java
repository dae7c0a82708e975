package org.careline.triage.classify;

import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Looks rule phrases up in one message with their context: a match counts unless it is negated
 * ("no chest pain"), hypothetical ("what should I do if I get chest pain") or historical ("the chest
 * pain I had last year", "my dad's stroke in 2019"). Per message; not thread-safe. Lookups are remembered per text
 * and compiled rules, so that finders of the same message share them. Where the rules' phrase lists match is found for
 * all of them in one pass over the text ({@link RulePhrases}); a list of other rules (the model's concepts) is looked up
 * with its own first-word index ({@link PhraseList}).
 */
final class Finder {

    enum Status {
        ABSENT, HISTORICAL, HYPOTHETICAL, NEGATED, COUNTS;

        boolean counts() {
            return this == COUNTS;
        }
    }

    /**
     * What was already looked up in one text with one compiled rules, shared by every finder on them (the rules, the
     * model's features and the visit rules look up many of the same phrase lists): every lookup is a pure function
     * of the text, the rules and the phrase list. The rules' own lists are kept by their number ({@link RulePhrases#id}),
     * other lists by identity.
     */
    private static final class Memo {
        final Map<Integer, Boolean> historical = new HashMap<>();
        final Map<Integer, Integer> hypotheticalFrom = new HashMap<>();
        /** Where each list of the rules matches ({@link RulePhrases#starts}), found on first use. */
        int[][] starts;
        /** Per list of the rules: 0 not looked up yet, else the status' ordinal + 1. */
        final byte[] status;
        final byte[] statusNoHistory;
        /** Per list of the rules: {@link #COUNTING} and {@link #COUNTING_NO_HISTORY} set once looked up. */
        final byte[] countingKnown;
        final long[] counting;
        final long[] countingNoHistory;
        /** Per list of the rules: {@link #SUBJECT_KNOWN}, {@link #IN_SUBJECT}, {@link #BODY_KNOWN}, {@link #IN_BODY}. */
        final byte[] occurs;
        final Map<List<Phrase>, Status> otherStatus = new IdentityHashMap<>();
        final Map<List<Phrase>, Status> otherStatusNoHistory = new IdentityHashMap<>();
        final Map<List<Phrase>, Long> otherCounting = new IdentityHashMap<>();
        final Map<List<Phrase>, Long> otherCountingNoHistory = new IdentityHashMap<>();
        final Map<List<Phrase>, Boolean> otherInSubject = new IdentityHashMap<>();
        final Map<List<Phrase>, Boolean> otherInBody = new IdentityHashMap<>();

        Memo(int lists) {
            status = new byte[lists];
            statusNoHistory = new byte[lists];
            countingKnown = new byte[lists];
            counting = new long[lists];
            countingNoHistory = new long[lists];
            occurs = new byte[lists];
        }
    }

    private static final int COUNTING = 1;
    private static final int COUNTING_NO_HISTORY = 2;
    private static final int SUBJECT_KNOWN = 1;
    private static final int IN_SUBJECT = 2;
    private static final int BODY_KNOWN = 4;
    private static final int IN_BODY = 8;
    private static final Status[] STATUSES = Status.values();
    private static final int[] NOWHERE = new int[0];

    private final ScannedText text;
    private final CompiledRules rules;
    private final Memo memo;
    private final Map<Integer, Boolean> historical;
    private final Map<Integer, Integer> hypotheticalFrom;

    Finder(ScannedText text, CompiledRules rules) {
        this.text = text;
        this.rules = rules;
        this.memo = text.memo(rules, () -> new Memo(rules.rulePhrases.size()));
        this.historical = memo.historical;
        this.hypotheticalFrom = memo.hypotheticalFrom;
    }

    /** The list's number among the rules' lists, or -1 (another list, or the reference scan: looked up by identity). */
    private int id(List<Phrase> phrases) {
        return rules.referenceScan ? -1 : rules.rulePhrases.id(phrases);
    }

    /** The best status of any occurrence of any of the phrases (COUNTS beats the suppressed ones). */
    Status status(List<Phrase> phrases, boolean historyMatters) {
        int id = id(phrases);
        if (id >= 0) {
            byte[] known = historyMatters ? memo.status : memo.statusNoHistory;
            if (known[id] == 0) {
                known[id] = (byte) (lookUpStatus(phrases, historyMatters).ordinal() + 1);
            }
            return STATUSES[known[id] - 1];
        }
        Map<List<Phrase>, Status> known = historyMatters ? memo.otherStatus : memo.otherStatusNoHistory;
        Status status = known.get(phrases);
        if (status == null) {
            status = lookUpStatus(phrases, historyMatters);
            known.put(phrases, status);
        }
        return status;
    }

    private Status lookUpStatus(List<Phrase> phrases, boolean historyMatters) {
        int[] starts = starts(phrases);
        Status best = Status.ABSENT;
        List<ScannedText.Clause> clauses = text.clauses();
        for (int k = 0; k < starts.length; k += 2) {
            Status s = statusAt(starts[k], clauses.get(starts[k]).words(), starts[k + 1], historyMatters);
            if (s == Status.COUNTS) {
                return s;
            }
            if (s.ordinal() > best.ordinal()) {
                best = s;
            }
        }
        return best;
    }

    /** The clauses in which some phrase occurs in a counting context (bit i = clause i; clauses past 63 share bit 63). */
    long countingClauses(List<Phrase> phrases, boolean historyMatters) {
        int id = id(phrases);
        if (id >= 0) {
            int flag = historyMatters ? COUNTING : COUNTING_NO_HISTORY;
            long[] known = historyMatters ? memo.counting : memo.countingNoHistory;
            if ((memo.countingKnown[id] & flag) == 0) {
                known[id] = lookUpCountingClauses(phrases, historyMatters);
                memo.countingKnown[id] |= (byte) flag;
            }
            return known[id];
        }
        Map<List<Phrase>, Long> known = historyMatters ? memo.otherCounting : memo.otherCountingNoHistory;
        Long clauses = known.get(phrases);
        if (clauses == null) {
            clauses = lookUpCountingClauses(phrases, historyMatters);
            known.put(phrases, clauses);
        }
        return clauses;
    }

    private long lookUpCountingClauses(List<Phrase> phrases, boolean historyMatters) {
        int[] starts = starts(phrases);
        long found = 0;
        List<ScannedText.Clause> clauses = text.clauses();
        for (int k = 0; k < starts.length; k += 2) {
            int c = starts[k];
            long bit = 1L << Math.min(c, 63);
            if ((found & bit) == 0 && statusAt(c, clauses.get(c).words(), starts[k + 1], historyMatters) == Status.COUNTS) {
                found |= bit;
            }
        }
        return found;
    }

    /** Whether any phrase occurs at all, context aside; {@code subject} selects subject or body clauses. */
    boolean occurs(List<Phrase> phrases, boolean subject) {
        int id = id(phrases);
        if (id >= 0) {
            int knownFlag = subject ? SUBJECT_KNOWN : BODY_KNOWN;
            int inFlag = subject ? IN_SUBJECT : IN_BODY;
            if ((memo.occurs[id] & knownFlag) == 0) {
                memo.occurs[id] |= (byte) (knownFlag | (lookUpOccurs(phrases, subject) ? inFlag : 0));
            }
            return (memo.occurs[id] & inFlag) != 0;
        }
        Map<List<Phrase>, Boolean> known = subject ? memo.otherInSubject : memo.otherInBody;
        Boolean occurs = known.get(phrases);
        if (occurs == null) {
            occurs = lookUpOccurs(phrases, subject);
            known.put(phrases, occurs);
        }
        return occurs;
    }

    private boolean lookUpOccurs(List<Phrase> phrases, boolean subject) {
        int[] starts = starts(phrases);
        List<ScannedText.Clause> clauses = text.clauses();
        for (int k = 0; k < starts.length; k += 2) {
            if (clauses.get(starts[k]).subject() == subject) {
                return true;
            }
        }
        return false;
    }

    /**
     * Where some phrase of the list matches: pairs (clause, word index) in text order. For a list of these rules, from
     * the one pass over the text that finds every list; for another list, or with the reference scan, by scanning.
     */
    private int[] starts(List<Phrase> phrases) {
        int id = id(phrases);
        if (id >= 0) {
            if (memo.starts == null) {
                memo.starts = rules.rulePhrases.starts(text.clauses());
            }
            int[] starts = memo.starts[id];
            return starts == null ? NOWHERE : starts;
        }
        PhraseList.Index index = rules.index(phrases);
        int[] starts = NOWHERE;
        int size = 0;
        List<ScannedText.Clause> clauses = text.clauses();
        for (int c = 0; c < clauses.size(); c++) {
            List<String> words = clauses.get(c).words();
            for (int i = 0; i < words.size(); i++) {
                if (index.matchesAt(words, i)) {
                    if (size == starts.length) {
                        starts = Arrays.copyOf(starts, Math.max(4, size * 2));
                    }
                    starts[size++] = c;
                    starts[size++] = i;
                }
            }
        }
        return size == starts.length ? starts : Arrays.copyOf(starts, size);
    }

    /** Whether the word at {@code index} of clause {@code clause} is in a counting context (not negated, hypothetical or historical). */
    boolean countsAt(int clause, int index) {
        return statusAt(clause, text.clauses().get(clause).words(), index, true) == Status.COUNTS;
    }

    private Status statusAt(int clause, List<String> words, int start, boolean historyMatters) {
        for (int i = Math.max(0, start - rules.negationWindow); i < start; i++) {
            if (rules.negationCues.contains(words.get(i))) {
                return Status.NEGATED;
            }
        }
        if (start > hypotheticalFrom.computeIfAbsent(clause, c -> hypotheticalStart(c, words))) {
            return Status.HYPOTHETICAL;
        }
        if (historyMatters && historical.computeIfAbsent(clause, c -> isHistorical(c, words))) {
            return Status.HISTORICAL;
        }
        return Status.COUNTS;
    }

    /** The first word of the clause where a hypothetical cue starts (not right after an exception word), or MAX_VALUE. */
    private int hypotheticalStart(int clause, List<String> words) {
        if (rules.referenceScan) {
            PhraseList.Index cues = rules.index(rules.hypotheticalCues);
            for (int i = 0; i < words.size(); i++) {
                if (!(i > 0 && rules.hypotheticalExcept.contains(words.get(i - 1))) && cues.matchesAt(words, i)) {
                    return i;
                }
            }
            return Integer.MAX_VALUE;
        }
        int[] cues = starts(rules.hypotheticalCues);
        for (int k = 0; k < cues.length; k += 2) {
            int i = cues[k + 1];
            if (cues[k] == clause && !(i > 0 && rules.hypotheticalExcept.contains(words.get(i - 1)))) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    private boolean isHistorical(int clause, List<String> words) {
        if (rules.yearsAreHistory) {
            for (String word : words) {
                if (word.length() == 4 && CompiledRules.YEAR.matcher(word).matches()) {
                    return true;
                }
            }
        }
        if (rules.referenceScan) {
            PhraseList.Index cues = rules.index(rules.historyCues);
            for (int i = 0; i < words.size(); i++) {
                if (cues.matchesAt(words, i)) {
                    return true;
                }
            }
            return false;
        }
        int[] cues = starts(rules.historyCues);
        for (int k = 0; k < cues.length; k += 2) {
            if (cues[k] == clause) {
                return true;
            }
        }
        return false;
    }
}
