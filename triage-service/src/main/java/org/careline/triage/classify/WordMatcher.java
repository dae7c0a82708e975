package org.careline.triage.classify;

/**
 * Matches a rule word against a message word: exactly, as a prefix ({@code refill*}), or with typos
 * (optimal string alignment distance: one edit from {@code minLength} letters, two from
 * {@code longLength}; same first letter; never for numbers). "perscription" finds "prescription".
 * <p>
 * This runs for every (rule word, message word) pair a phrase scan meets (the top cost of triage in a profile, before
 * {@link PhraseList}'s first-word index kept only the pairs with the same first letter and a possible length), so
 * it rejects on the first letter before anything else, checks one edit in one pass without a table, and fills a
 * table only for two edits (two rows rolled, no per-call matrix). Decisions are those of the plain definition
 * ({@code MatcherEquivalenceTest} compares every pair of the shipped rules and labelled messages).
 */
record WordMatcher(int minLength, int longLength) {

    boolean matches(String rule, String word) {
        int length = rule.length();
        // every kind of match (prefix, exact, typo) needs the same first character
        if (word.isEmpty() || length == 0 || rule.charAt(0) != word.charAt(0)) {
            return false;
        }
        if (rule.charAt(length - 1) == '*') {
            return word.length() >= length - 1 && word.regionMatches(0, rule, 0, length - 1);
        }
        int wordLength = word.length();
        if (length == wordLength && rule.equals(word)) {
            return true;
        }
        if (length < minLength || wordLength < minLength - 1 || Character.isDigit(rule.charAt(0))) {
            return false;
        }
        int allowed = length >= longLength ? 2 : 1;
        if (Math.abs(length - wordLength) > allowed) {
            return false;
        }
        return allowed == 1 ? withinOneEdit(rule, word) : distance(rule, word, allowed) <= allowed;
    }

    /** Whether the optimal string alignment distance is at most one: one substitution, insertion, deletion or swap. */
    static boolean withinOneEdit(String a, String b) {
        int la = a.length();
        int lb = b.length();
        if (la == lb) {
            int i = 0;
            while (i < la && a.charAt(i) == b.charAt(i)) {
                i++;
            }
            if (i == la) {
                return true;
            }
            if (i + 1 < la && a.charAt(i) == b.charAt(i + 1) && a.charAt(i + 1) == b.charAt(i)
                    && a.regionMatches(i + 2, b, i + 2, la - i - 2)) {
                return true; // adjacent transposition
            }
            return a.regionMatches(i + 1, b, i + 1, la - i - 1); // substitution
        }
        String longer = la > lb ? a : b;
        String shorter = la > lb ? b : a;
        if (longer.length() - shorter.length() != 1) {
            return false;
        }
        int i = 0;
        while (i < shorter.length() && longer.charAt(i) == shorter.charAt(i)) {
            i++;
        }
        return longer.regionMatches(i + 1, shorter, i, shorter.length() - i); // one character inserted at i
    }

    /** Optimal string alignment distance (adjacent transpositions count once), capped at limit + 1. */
    static int distance(String a, String b, int limit) {
        int m = b.length();
        int[] previous2 = new int[m + 1];
        int[] previous = new int[m + 1];
        int[] current = new int[m + 1];
        for (int j = 0; j <= m; j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            char ai = a.charAt(i - 1);
            int rowMin = i;
            for (int j = 1; j <= m; j++) {
                char bj = b.charAt(j - 1);
                int v = previous[j - 1] + (ai == bj ? 0 : 1);
                int del = previous[j] + 1;
                if (del < v) {
                    v = del;
                }
                int ins = current[j - 1] + 1;
                if (ins < v) {
                    v = ins;
                }
                if (i > 1 && j > 1 && ai == b.charAt(j - 2) && a.charAt(i - 2) == bj && previous2[j - 2] + 1 < v) {
                    v = previous2[j - 2] + 1;
                }
                current[j] = v;
                if (v < rowMin) {
                    rowMin = v;
                }
            }
            if (rowMin > limit) {
                return limit + 1;
            }
            int[] spare = previous2;
            previous2 = previous;
            previous = current;
            current = spare;
        }
        return previous[m];
    }
}
