package org.careline.triage.classify;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * The compiled phrases of one rule member (or cue list), with an index by first word, so that a word position tries
 * only the phrases that can start there instead of every phrase (the top cost of triage in a profile).
 * <p>
 * Exact by construction: every kind of {@link WordMatcher} match (exact, prefix, typo) needs the word's first character
 * to be the rule word's first character, and a word length in a range the rule word and the matcher settings fix
 * ({@code word*}: at least its length minus one; otherwise its own length, or within one or two of it when typos are
 * allowed). The index files each phrase under the first characters of its first word's alternatives with the hull of
 * their length ranges (a necessary condition, never a sufficient one). Phrases whose first words have the same
 * alternatives for a character share one group: the first word is tested once for the group, then each phrase of the
 * group matches the rest of itself from the next word (a phrase's first element is never a gap, and whichever
 * alternative matches, the match goes on at the next word). {@code PhraseIndexEquivalenceTest} compares it with the
 * plain scan on every list of the shipped rules over the labelled messages and generated typo variants.
 * Immutable; the index is built on first use for a matcher and then shared by every thread.
 */
final class PhraseList extends AbstractList<Phrase> implements RandomAccess {

    /** Where the phrases of a list may match in a clause. */
    interface Index {

        /** Whether some phrase of the list matches at {@code start}. */
        boolean matchesAt(List<String> words, int start);

        /** The end (exclusive) of every phrase of the list that matches at {@code start}, in no particular order. */
        void endsAt(List<String> words, int start, IntConsumer ends);
    }

    private static final Index NONE = new Index() {
        @Override
        public boolean matchesAt(List<String> words, int start) {
            return false;
        }

        @Override
        public void endsAt(List<String> words, int start, IntConsumer ends) {
        }
    };

    /** A list's number in a {@link RulePhrases} (kept with the list, to spare a map lookup per lookup). */
    private record Numbering(RulePhrases owner, int id) {
    }

    private final Phrase[] phrases;
    private volatile FirstWordIndex index; // for the last matcher asked; rebuilt (and replaced) for another
    private volatile Numbering numbering; // the last RulePhrases that numbered the list

    private PhraseList(Phrase[] phrases) {
        this.phrases = phrases;
    }

    static PhraseList of(List<Phrase> phrases) {
        return phrases instanceof PhraseList list ? list : new PhraseList(phrases.toArray(Phrase[]::new));
    }

    void numbered(RulePhrases owner, int id) {
        numbering = new Numbering(owner, id);
    }

    /** The list's number in {@code owner}, or -1 if it is not the last that numbered it (then it looks the list up). */
    int number(RulePhrases owner) {
        Numbering n = numbering;
        return n != null && n.owner == owner ? n.id : -1;
    }

    @Override
    public Phrase get(int index) {
        return phrases[index];
    }

    @Override
    public int size() {
        return phrases.length;
    }

    /** The index of {@code phrases} for {@code matcher} (kept with the list when it is a compiled one). */
    static Index indexed(List<Phrase> phrases, WordMatcher matcher) {
        if (phrases.isEmpty()) {
            return NONE;
        }
        if (!(phrases instanceof PhraseList list)) {
            return new FirstWordIndex(phrases.toArray(Phrase[]::new), matcher);
        }
        FirstWordIndex built = list.index;
        if (built == null || !built.matcher.equals(matcher)) {
            built = new FirstWordIndex(list.phrases, matcher);
            list.index = built;
        }
        return built;
    }

    /** Every phrase tried at every position, as before the index: the reference the index is compared with. */
    static Index plain(List<Phrase> phrases, WordMatcher matcher) {
        return new Index() {
            @Override
            public boolean matchesAt(List<String> words, int start) {
                for (Phrase phrase : phrases) {
                    if (phrase.matchAt(words, start, matcher) >= 0) {
                        return true;
                    }
                }
                return false;
            }

            @Override
            public void endsAt(List<String> words, int start, IntConsumer ends) {
                for (Phrase phrase : phrases) {
                    int end = phrase.matchAt(words, start, matcher);
                    if (end >= 0) {
                        ends.accept(end);
                    }
                }
            }
        };
    }

    /**
     * Phrases (of one list, or of many: {@link FirstWords#lists}) filed by the first character of each alternative of
     * their first word; phrases with the same alternatives for a character form one group, whose first word is tested
     * once. A group none of whose alternatives allows a typo and all of which fix a second character (an exact word of
     * two letters or more, a prefix of two letters or more: {@code chest}, {@code refill*}) is filed under its first
     * two characters; the others under the first only. Immutable.
     */
    static final class FirstWords {

        /** One group: the alternatives, the hull of the word lengths they can match, the phrases and their lists. */
        record Group(String[] firstWords, int minLength, int maxLength, Phrase[] phrases, int[] lists) {
        }

        /** The groups of one first character: those for any second character, and those for each. */
        private static final class ByFirst {
            Group[] anySecond = EMPTY;
            /** Per second character: the groups for any second character, then those for this one. */
            final Group[][] asciiSecond = new Group[128][];
            final Map<Character, Group[]> otherSecond = new HashMap<>();
        }

        private static final Group[] EMPTY = new Group[0];

        final WordMatcher matcher;
        private final ByFirst[] ascii = new ByFirst[128];
        private final Map<Character, ByFirst> other = new HashMap<>();

        /** Files {@code phrases.get(k)}, which belongs to list {@code lists[k]}. */
        FirstWords(List<Phrase> phrases, int[] lists, WordMatcher matcher) {
            this.matcher = matcher;
            Map<Character, Map<List<String>, List<Integer>>> byCharacter = new LinkedHashMap<>();
            for (int k = 0; k < phrases.size(); k++) {
                Map<Character, List<String>> alternatives = new LinkedHashMap<>();
                for (String word : phrases.get(k).firstWord()) {
                    alternatives.computeIfAbsent(word.charAt(0), c -> new ArrayList<>()).add(word);
                }
                int entry = k;
                alternatives.forEach((c, words) -> byCharacter.computeIfAbsent(c, x -> new LinkedHashMap<>())
                        .computeIfAbsent(words.stream().distinct().sorted().toList(), x -> new ArrayList<>())
                        .add(entry));
            }
            byCharacter.forEach((c, groups) -> {
                List<Group> anySecond = new ArrayList<>();
                Map<Character, List<Group>> bySecond = new LinkedHashMap<>();
                groups.forEach((firstWords, entries) -> {
                    Group group = group(firstWords, entries, phrases, lists);
                    Set<Character> seconds = new LinkedHashSet<>();
                    for (String word : firstWords) {
                        seconds.add(secondCharacter(word));
                    }
                    if (seconds.contains(ANY)) {
                        anySecond.add(group);
                    } else {
                        seconds.forEach(second -> bySecond.computeIfAbsent(second, x -> new ArrayList<>()).add(group));
                    }
                });
                ByFirst filed = new ByFirst();
                filed.anySecond = anySecond.toArray(Group[]::new);
                bySecond.forEach((second, these) -> {
                    List<Group> all = new ArrayList<>(anySecond);
                    all.addAll(these);
                    if (second < filed.asciiSecond.length) {
                        filed.asciiSecond[second] = all.toArray(Group[]::new);
                    } else {
                        filed.otherSecond.put(second, all.toArray(Group[]::new));
                    }
                });
                if (c < ascii.length) {
                    ascii[c] = filed;
                } else {
                    other.put(c, filed);
                }
            });
        }

        private static final char ANY = '\uffff';

        /**
         * The second character every word {@code rule} matches has, or {@link #ANY}: a word it matches exactly or as a
         * prefix of two letters or more has the rule's second character; a typo may change it.
         */
        private char secondCharacter(String rule) {
            int length = rule.length();
            if (rule.charAt(length - 1) == '*') {
                return length - 1 >= 2 ? rule.charAt(1) : ANY;
            }
            boolean typos = length >= matcher.minLength() && !Character.isDigit(rule.charAt(0));
            return length >= 2 && !typos ? rule.charAt(1) : ANY;
        }

        private Group group(List<String> firstWords, List<Integer> entries, List<Phrase> phrases, int[] lists) {
            int min = Integer.MAX_VALUE;
            int max = 0;
            for (String word : firstWords) {
                int[] range = lengths(word);
                min = Math.min(min, range[0]);
                max = Math.max(max, range[1]);
            }
            return new Group(firstWords.toArray(String[]::new), min, max,
                    entries.stream().map(phrases::get).toArray(Phrase[]::new),
                    entries.stream().mapToInt(k -> lists[k]).toArray());
        }

        /** The lengths of the words {@code rule} can match ({@link WordMatcher#matches}), as [min, max]. */
        private int[] lengths(String rule) {
            int length = rule.length();
            if (rule.charAt(length - 1) == '*') {
                return new int[] {length - 1, Integer.MAX_VALUE};
            }
            if (length < matcher.minLength() || Character.isDigit(rule.charAt(0))) {
                return new int[] {length, length};
            }
            int allowed = length >= matcher.longLength() ? 2 : 1;
            return new int[] {Math.min(length, Math.max(length - allowed, matcher.minLength() - 1)), length + allowed};
        }

        /** The groups that may match {@code word}: those filed under its first character, or its first two. */
        Group[] groups(String word) {
            if (word.isEmpty()) {
                return EMPTY; // matches no rule word
            }
            char first = word.charAt(0);
            ByFirst filed = first < ascii.length ? ascii[first] : other.get(first);
            if (filed == null) {
                return EMPTY;
            }
            if (word.length() < 2) {
                return filed.anySecond;
            }
            char second = word.charAt(1);
            Group[] groups = second < filed.asciiSecond.length ? filed.asciiSecond[second] : filed.otherSecond.get(second);
            return groups == null ? filed.anySecond : groups;
        }

        /** Whether the group's first word matches {@code word} (a word starting with the group's character). */
        boolean firstWordMatches(Group group, String word) {
            int length = word.length();
            if (length < group.minLength || length > group.maxLength) {
                return false;
            }
            for (String rule : group.firstWords) {
                if (matcher.matches(rule, word)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final class FirstWordIndex implements Index {

        final WordMatcher matcher;
        private final FirstWords firstWords;

        FirstWordIndex(Phrase[] phrases, WordMatcher matcher) {
            this.matcher = matcher;
            this.firstWords = new FirstWords(Arrays.asList(phrases), new int[phrases.length], matcher);
        }

        @Override
        public boolean matchesAt(List<String> words, int start) {
            if (start >= words.size()) {
                return false;
            }
            String word = words.get(start);
            for (FirstWords.Group group : firstWords.groups(word)) {
                if (firstWords.firstWordMatches(group, word)) {
                    for (Phrase phrase : group.phrases()) {
                        if (phrase.matchAfterFirst(words, start + 1, matcher) >= 0) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }

        @Override
        public void endsAt(List<String> words, int start, IntConsumer ends) {
            if (start >= words.size()) {
                return;
            }
            String word = words.get(start);
            for (FirstWords.Group group : firstWords.groups(word)) {
                if (firstWords.firstWordMatches(group, word)) {
                    for (Phrase phrase : group.phrases()) {
                        int end = phrase.matchAfterFirst(words, start + 1, matcher);
                        if (end >= 0) {
                            ends.accept(end);
                        }
                    }
                }
            }
        }
    }
}
