package org.careline.triage.classify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every phrase list of one compiled rules (flag, keyword and visit members, context cues) in one first-word index
 * ({@link PhraseList.FirstWords}), so that one pass over a message's words finds where each list matches, instead of
 * one pass per list (the rules, the model's features and the visit rules look up some 1,400 lists per message, most of
 * which match nowhere). A first word shared by phrases of many lists is tested once per word position. Where a list
 * matches is exactly where {@link PhraseList.Index#matchesAt} (and the plain scan) says it does: the same groups and
 * the same matching, only every list at once ({@code PhraseIndexEquivalenceTest}). Immutable and thread-safe.
 */
final class RulePhrases {

    private final Map<List<Phrase>, Integer> ids = new IdentityHashMap<>();
    private final PhraseList.FirstWords firstWords;
    private final WordMatcher matcher;

    RulePhrases(List<List<Phrase>> lists, WordMatcher matcher) {
        this.matcher = matcher;
        List<Phrase> phrases = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        for (List<Phrase> list : lists) {
            if (list.isEmpty() || ids.containsKey(list)) {
                continue;
            }
            int id = ids.size();
            ids.put(list, id);
            if (list instanceof PhraseList compiled) {
                compiled.numbered(this, id);
            }
            for (Phrase phrase : list) {
                phrases.add(phrase);
                owners.add(id);
            }
        }
        this.firstWords = new PhraseList.FirstWords(phrases, owners.stream().mapToInt(Integer::intValue).toArray(),
                matcher);
    }

    /** How many lists (numbered from 0). */
    int size() {
        return ids.size();
    }

    /** The list's number here (by identity), or -1 for a list these rules did not compile. */
    int id(List<Phrase> list) {
        if (list instanceof PhraseList compiled) {
            int id = compiled.number(this);
            if (id >= 0) {
                return id;
            }
        }
        Integer id = ids.get(list);
        return id == null ? -1 : id;
    }

    /**
     * Where each list matches in the clauses: for list {@code id}, {@code starts[id]} holds pairs (clause, word index)
     * in text order, one per position where some phrase of the list matches; null when it matches nowhere.
     */
    int[][] starts(List<ScannedText.Clause> clauses) {
        int lists = ids.size();
        int[][] starts = new int[lists][];
        int[] sizes = new int[lists];
        int[] lastPosition = new int[lists]; // the position (numbered from 1) at which the list last matched
        int position = 0;
        for (int c = 0; c < clauses.size(); c++) {
            List<String> words = clauses.get(c).words();
            for (int i = 0; i < words.size(); i++) {
                position++;
                String word = words.get(i);
                for (PhraseList.FirstWords.Group group : firstWords.groups(word)) {
                    if (!firstWords.firstWordMatches(group, word)) {
                        continue;
                    }
                    Phrase[] phrases = group.phrases();
                    int[] owners = group.lists();
                    for (int k = 0; k < phrases.length; k++) {
                        int id = owners[k];
                        if (lastPosition[id] == position || phrases[k].matchAfterFirst(words, i + 1, matcher) < 0) {
                            continue;
                        }
                        lastPosition[id] = position;
                        int[] found = starts[id];
                        if (found == null) {
                            found = starts[id] = new int[4];
                        } else if (sizes[id] == found.length) {
                            found = starts[id] = Arrays.copyOf(found, found.length * 2);
                        }
                        found[sizes[id]++] = c;
                        found[sizes[id]++] = i;
                    }
                }
            }
        }
        for (int id = 0; id < lists; id++) {
            if (starts[id] != null && starts[id].length != sizes[id]) {
                starts[id] = Arrays.copyOf(starts[id], sizes[id]);
            }
        }
        return starts;
    }
}
