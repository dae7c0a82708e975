package org.careline.triage.classify;

/**
 * The word matcher as it was before its fast path (verbatim), kept to prove the new one decides every pair alike
 * ({@code MatcherEquivalenceTest}) and to time both ({@code ClassifyBenchmark}).
 * <p>
 * Matches a rule word against a message word: exactly, as a prefix ({@code refill*}), or with typos
 * (optimal string alignment distance: one edit from {@code minLength} letters, two from
 * {@code longLength}; same first letter; never for numbers). "perscription" finds "prescription".
 */
record ReferenceWordMatcher(int minLength, int longLength) {

    boolean matches(String rule, String word) {
        if (rule.endsWith("*")) {
            return word.startsWith(rule.substring(0, rule.length() - 1));
        }
        if (rule.equals(word)) {
            return true;
        }
        int length = rule.length();
        if (length < minLength || word.length() < minLength - 1 || rule.charAt(0) != word.charAt(0)
                || Character.isDigit(rule.charAt(0))) {
            return false;
        }
        int allowed = length >= longLength ? 2 : 1;
        if (Math.abs(length - word.length()) > allowed) {
            return false;
        }
        return distance(rule, word, allowed) <= allowed;
    }

    /** Optimal string alignment distance (adjacent transpositions count once), capped at limit + 1. */
    static int distance(String a, String b, int limit) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int rowMin = Integer.MAX_VALUE;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
                rowMin = Math.min(rowMin, v);
            }
            if (rowMin > limit) {
                return limit + 1;
            }
        }
        return d[a.length()][b.length()];
    }
}
