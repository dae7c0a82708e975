package org.careline.triage.classify;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Looks rule phrases up in one message with their context: a match counts unless it is negated
 * ("no chest pain"), hypothetical ("what should I do if I get chest pain") or historical ("the chest
 * pain I had last year", "my dad's stroke in 2019"). Per message; not thread-safe. Lookups are remembered per text
 * and compiled rules, so that finders of the same message share them.
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
     * of the text, the rules and the phrase list (kept by identity: the lists belong to the compiled rules).
     */
    private static final class Memo {
        final Map<Integer, Boolean> historical = new HashMap<>();
        final Map<Integer, Integer> hypotheticalFrom = new HashMap<>();
        final Map<List<Phrase>, Status> status = new IdentityHashMap<>();
        final Map<List<Phrase>, Status> statusNoHistory = new IdentityHashMap<>();
        final Map<List<Phrase>, Long> counting = new IdentityHashMap<>();
        final Map<List<Phrase>, Long> countingNoHistory = new IdentityHashMap<>();
        final Map<List<Phrase>, Boolean> occursInSubject = new IdentityHashMap<>();
        final Map<List<Phrase>, Boolean> occursInBody = new IdentityHashMap<>();
    }

    private final ScannedText text;
    private final CompiledRules rules;
    private final Memo memo;
    private final Map<Integer, Boolean> historical;
    private final Map<Integer, Integer> hypotheticalFrom;

    Finder(ScannedText text, CompiledRules rules) {
        this.text = text;
        this.rules = rules;
        this.memo = text.memo(rules, Memo::new);
        this.historical = memo.historical;
        this.hypotheticalFrom = memo.hypotheticalFrom;
    }

    /** The best status of any occurrence of any of the phrases (COUNTS beats the suppressed ones). */
    Status status(List<Phrase> phrases, boolean historyMatters) {
        Map<List<Phrase>, Status> known = historyMatters ? memo.status : memo.statusNoHistory;
        Status status = known.get(phrases);
        if (status == null) {
            status = lookUpStatus(phrases, historyMatters);
            known.put(phrases, status);
        }
        return status;
    }

    private Status lookUpStatus(List<Phrase> phrases, boolean historyMatters) {
        PhraseList.Index index = rules.index(phrases);
        Status best = Status.ABSENT;
        List<ScannedText.Clause> clauses = text.clauses();
        for (int c = 0; c < clauses.size(); c++) {
            List<String> words = clauses.get(c).words();
            for (int i = 0; i < words.size(); i++) {
                if (!index.matchesAt(words, i)) {
                    continue;
                }
                Status s = statusAt(c, words, i, historyMatters);
                if (s == Status.COUNTS) {
                    return s;
                }
                if (s.ordinal() > best.ordinal()) {
                    best = s;
                }
            }
        }
        return best;
    }

    /** The clauses in which some phrase occurs in a counting context (bit i = clause i; clauses past 63 share bit 63). */
    long countingClauses(List<Phrase> phrases, boolean historyMatters) {
        Map<List<Phrase>, Long> known = historyMatters ? memo.counting : memo.countingNoHistory;
        Long clauses = known.get(phrases);
        if (clauses == null) {
            clauses = lookUpCountingClauses(phrases, historyMatters);
            known.put(phrases, clauses);
        }
        return clauses;
    }

    private long lookUpCountingClauses(List<Phrase> phrases, boolean historyMatters) {
        PhraseList.Index index = rules.index(phrases);
        long found = 0;
        List<ScannedText.Clause> clauses = text.clauses();
        for (int c = 0; c < clauses.size(); c++) {
            long bit = 1L << Math.min(c, 63);
            if ((found & bit) != 0) {
                continue;
            }
            List<String> words = clauses.get(c).words();
            for (int i = 0; i < words.size(); i++) {
                if (index.matchesAt(words, i) && statusAt(c, words, i, historyMatters) == Status.COUNTS) {
                    found |= bit;
                    break;
                }
            }
        }
        return found;
    }

    /** Whether any phrase occurs at all, context aside; {@code subject} selects subject or body clauses. */
    boolean occurs(List<Phrase> phrases, boolean subject) {
        Map<List<Phrase>, Boolean> known = subject ? memo.occursInSubject : memo.occursInBody;
        Boolean occurs = known.get(phrases);
        if (occurs == null) {
            occurs = lookUpOccurs(phrases, subject);
            known.put(phrases, occurs);
        }
        return occurs;
    }

    private boolean lookUpOccurs(List<Phrase> phrases, boolean subject) {
        PhraseList.Index index = null;
        for (ScannedText.Clause clause : text.clauses()) {
            if (clause.subject() != subject) {
                continue;
            }
            if (index == null) {
                index = rules.index(phrases);
            }
            for (int i = 0; i < clause.words().size(); i++) {
                if (index.matchesAt(clause.words(), i)) {
                    return true;
                }
            }
        }
        return false;
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
        if (start > hypotheticalFrom.computeIfAbsent(clause, c -> hypotheticalStart(words))) {
            return Status.HYPOTHETICAL;
        }
        if (historyMatters && historical.computeIfAbsent(clause, c -> isHistorical(words))) {
            return Status.HISTORICAL;
        }
        return Status.COUNTS;
    }

    private int hypotheticalStart(List<String> words) {
        PhraseList.Index cues = rules.index(rules.hypotheticalCues);
        for (int i = 0; i < words.size(); i++) {
            if (i > 0 && rules.hypotheticalExcept.contains(words.get(i - 1))) {
                continue;
            }
            if (cues.matchesAt(words, i)) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    private boolean isHistorical(List<String> words) {
        PhraseList.Index cues = rules.index(rules.historyCues);
        for (int i = 0; i < words.size(); i++) {
            if (rules.yearsAreHistory && words.get(i).length() == 4 && CompiledRules.YEAR.matcher(words.get(i)).matches()) {
                return true;
            }
            if (cues.matchesAt(words, i)) {
                return true;
            }
        }
        return false;
    }
}
