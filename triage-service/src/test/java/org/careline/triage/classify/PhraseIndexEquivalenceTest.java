package org.careline.triage.classify;

import org.careline.events.MessageTopic;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The first-word index ({@link PhraseList}) finds exactly what the plain scan (every phrase at every word position,
 * as before the index) finds: on every phrase list of the shipped rules (flag, keyword and visit members, cues, lab
 * names, the model's concepts), at every word position of every shipped labelled message and of clauses generated from
 * the rules' own phrases with typos (one and two edits of every kind, gaps one word too long, prefixes extended), with
 * the shipped matcher settings and two others; and the whole pipeline (rules, model features, model, visit rules)
 * decides every shipped message exactly as with the plain scan.
 */
class PhraseIndexEquivalenceTest {

    private static final List<String> FILLERS = List.of("really", "very", "the", "bad", "since", "no", "my", "and");

    @Test
    void theIndexFindsWhatThePlainScanFindsOnEveryListOfTheShippedRules() {
        ClinicalRulesClassifier classifier = new ClinicalRulesClassifier(TriageRules.fromClasspath("triage-rules.json"));
        CompiledRules compiled = classifier.compiled();
        List<List<Phrase>> lists = phraseLists(compiled);
        List<List<String>> corpus = corpusClauses(compiled);
        assertTrue(lists.size() > 100 && corpus.size() > 1000, "the rules and the corpus were read");

        // (the whole corpus goes through the whole pipeline, plain scan against index, in the test below)
        Checked shipped = Checked.of(lists, corpus, 0, 4, 1);
        Counts counts = compare(lists, shipped, compiled.matcher);
        assertTrue(counts.positionsMatched > 1000, "the shipped messages match phrases: " + counts);

        Checked generated = Checked.of(lists, corpus, 5, 20, 40);
        counts = compare(lists, generated, compiled.matcher);
        assertTrue(counts.positionsMatched > generated.clauses.size() / 2 && counts.typoMatches > 1000,
                "the generated clauses match phrases, some only with a typo: " + counts);

        // other typo settings change every length range of the index
        Checked own = Checked.of(lists, List.of(), 5, 1, Integer.MAX_VALUE);
        for (WordMatcher other : List.of(new WordMatcher(4, 7), new WordMatcher(3, 5), new WordMatcher(7, 12))) {
            counts = compare(lists, own, other);
            assertTrue(counts.typoMatches > 0, "typo matches with " + other + ": " + counts);
        }
    }

    @Test
    void aListThatIsNotCompiledIsIndexedToo() {
        CompiledRules compiled = new ClinicalRulesClassifier(TriageRules.fromClasspath("triage-rules.json")).compiled();
        List<Phrase> plainList = new ArrayList<>(compiled.historyCues);
        List<String> words = List.of("my", "dad", "had", "a", "stroke", "years", "ago");
        for (int i = 0; i <= words.size(); i++) {
            assertEquals(PhraseList.plain(plainList, compiled.matcher).matchesAt(words, i),
                    PhraseList.indexed(plainList, compiled.matcher).matchesAt(words, i), "position " + i);
        }
        assertTrue(!PhraseList.indexed(List.of(), compiled.matcher).matchesAt(words, 0), "an empty list matches nothing");
    }

    @Test
    void theWholePipelineDecidesEveryShippedMessageAsWithThePlainScan() {
        Pipeline indexed = new Pipeline(false);
        Pipeline plain = new Pipeline(true);
        List<LabelledMessage> messages = MatcherCorpus.messages();
        MessageTopic[] topics = MessageTopic.values();
        int visits = 0;
        Set<String> urgencies = new LinkedHashSet<>();
        for (int i = 0; i < messages.size(); i++) {
            LabelledMessage m = messages.get(i);
            MessageText text = new MessageText(m.subject(), m.body(), i % 3 == 0 ? null : topics[i % topics.length]);
            // the plain pipeline first on half of the messages, the indexed one first on the other half
            List<Object> expected = i % 2 == 0 ? plain.decide(text) : null;
            List<Object> actual = indexed.decide(text);
            if (expected == null) {
                expected = plain.decide(text);
            }
            assertEquals(expected, actual, m.id());
            if (((Optional<?>) expected.get(1)).isPresent()) {
                visits++;
            }
            urgencies.add(((Classification) expected.get(0)).urgency().name());
        }
        assertTrue(messages.size() > 1000 && visits > 0 && urgencies.size() == 3,
                "every urgency and some visits were compared: " + urgencies + ", " + visits + " visits");
    }

    /** Rules, model and visit rules on their own compiled rules, scanning plainly or through the index. */
    private static final class Pipeline {
        final ClinicalRulesClassifier rules;
        final RulesWithModelClassifier classifier;
        final ModelFeatures features;
        final VisitRules visits;

        Pipeline(boolean referenceScan) {
            rules = new ClinicalRulesClassifier(TriageRules.fromClasspath("triage-rules.json"));
            rules.compiled().referenceScan = referenceScan;
            ModelSettings settings = ModelSettings.fromClasspath("triage-model.json");
            classifier = new RulesWithModelClassifier(rules, TriageModel.fromClasspath("triage-model-weights.json",
                    rules, settings));
            features = new ModelFeatures(rules, settings);
            visits = new VisitRules(rules);
        }

        /** The decision, the rules' own decision, the visit recommendation and the model's features. */
        List<Object> decide(MessageText text) {
            Classification decided = classifier.classify(text);
            Classification byRules = rules.classify(text);
            return List.of(decided, visits.recommend(text, decided), byRules,
                    features.of(text, byRules.urgency()));
        }
    }

    /** What a comparison saw. */
    private record Counts(long positions, long positionsMatched, long typoMatches) {
    }

    /**
     * The clauses compared, and which ones for each list: the shared ones (every list), then each list's own (generated
     * from its phrases: where its matches and near misses are).
     */
    private record Checked(List<List<String>> clauses, int shared, int[] ownFrom, int[] ownTo) {

        /**
         * Every {@code corpusEvery}-th corpus clause and every {@code generatedEvery}-th generated clause for every
         * list, and each list's own generated clauses ({@code variants} per phrase; none when 0).
         */
        static Checked of(List<List<Phrase>> lists, List<List<String>> corpus, int variants, int corpusEvery,
                          int generatedEvery) {
            List<List<List<String>>> own = new ArrayList<>();
            for (int j = 0; j < lists.size(); j++) {
                own.add(variants == 0 ? List.of() : generatedClauses(lists.get(j), variants, new Random(20261124L + j)));
            }
            List<List<String>> clauses = new ArrayList<>();
            for (int c = 0; c < corpus.size(); c += corpusEvery) {
                clauses.add(corpus.get(c));
            }
            List<List<String>> allOwn = own.stream().flatMap(List::stream).toList();
            for (int c = 0; c < allOwn.size(); c += generatedEvery) {
                clauses.add(allOwn.get(c));
            }
            int shared = clauses.size();
            int[] from = new int[lists.size()];
            int[] to = new int[lists.size()];
            for (int j = 0; j < lists.size(); j++) {
                from[j] = clauses.size();
                clauses.addAll(own.get(j));
                to[j] = clauses.size();
            }
            return new Checked(List.copyOf(clauses), shared, from, to);
        }
    }

    /**
     * For every list, at every word position (and one past the end) of its clauses: the plain scan, the list's index
     * ({@link PhraseList.Index#matchesAt}, {@link PhraseList.Index#endsAt}) and the one pass over every list
     * ({@link RulePhrases#starts}) agree.
     */
    private static Counts compare(List<List<Phrase>> lists, Checked checked, WordMatcher matcher) {
        long positions = 0;
        long matched = 0;
        long typos = 0;
        Ends plainEnds = new Ends();
        Ends indexEnds = new Ends();
        WordMatcher exactOnly = new WordMatcher(Integer.MAX_VALUE / 2, Integer.MAX_VALUE / 2);
        RulePhrases all = new RulePhrases(lists, matcher);
        int[][] allStarts = all.starts(checked.clauses.stream().map(w -> new ScannedText.Clause(w, false)).toList());
        for (int j = 0; j < lists.size(); j++) {
            List<Phrase> list = lists.get(j);
            PhraseList.Index plain = PhraseList.plain(list, matcher);
            PhraseList.Index index = PhraseList.indexed(list, matcher);
            PhraseList.Index exact = PhraseList.indexed(list, exactOnly);
            int[] starts = allStarts[all.id(list)];
            int next = 0; // the next pair of starts not yet passed
            for (int[] range : new int[][] {{0, checked.shared}, {checked.ownFrom[j], checked.ownTo[j]}}) {
                for (int c = range[0]; c < range[1]; c++) {
                    List<String> words = checked.clauses.get(c);
                    for (int i = 0; i <= words.size(); i++) {
                        positions++;
                        plainEnds.clear();
                        indexEnds.clear();
                        plain.endsAt(words, i, plainEnds);
                        index.endsAt(words, i, indexEnds);
                        boolean found = index.matchesAt(words, i);
                        while (starts != null && next < starts.length
                                && (starts[next] < c || starts[next] == c && starts[next + 1] < i)) {
                            next += 2;
                        }
                        boolean foundByAll = starts != null && next < starts.length && starts[next] == c
                                && starts[next + 1] == i;
                        if (found != (plainEnds.size > 0) || foundByAll != found || !plainEnds.sameAs(indexEnds)) {
                            fail("list " + list + " at " + i + " of " + words + " with " + matcher + ": plain "
                                    + plainEnds.sorted() + ", index " + indexEnds.sorted() + ", matchesAt " + found
                                    + ", every list at once " + foundByAll);
                        }
                        if (found) {
                            matched++;
                            if (!exact.matchesAt(words, i)) {
                                typos++;
                            }
                        }
                    }
                }
            }
        }
        return new Counts(positions, matched, typos);
    }

    /** Ends of matches at one position, reused. */
    private static final class Ends implements java.util.function.IntConsumer {
        int[] values = new int[16];
        int size;

        @Override
        public void accept(int end) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = end;
        }

        void clear() {
            size = 0;
        }

        /** The same ends, in any order. */
        boolean sameAs(Ends other) {
            if (size != other.size) {
                return false;
            }
            if (size == 0) {
                return true;
            }
            Arrays.sort(values, 0, size);
            Arrays.sort(other.values, 0, size);
            return Arrays.equals(values, 0, size, other.values, 0, size);
        }

        List<Integer> sorted() {
            int[] copy = Arrays.copyOf(values, size);
            Arrays.sort(copy);
            return Arrays.stream(copy).boxed().toList();
        }
    }

    /** Every phrase list the classifier, the model's features and the visit rules look up. */
    static List<List<Phrase>> phraseLists(CompiledRules compiled) {
        Map<List<Phrase>, Boolean> lists = new IdentityHashMap<>();
        List<List<Phrase>> ordered = new ArrayList<>();
        java.util.function.Consumer<List<Phrase>> add = list -> {
            if (!list.isEmpty() && lists.put(list, true) == null) {
                ordered.add(list);
            }
        };
        for (CompiledRules.CompiledFlag flag : compiled.flags) {
            flag.groups().forEach(group -> group.forEach(member -> add.accept(member.phrases())));
            flag.unless().forEach(member -> add.accept(member.phrases()));
        }
        compiled.keywords.values().forEach(members -> members.keySet().forEach(member -> add.accept(member.phrases())));
        compiled.visits.forEach(visit -> visit.phrases().forEach(member -> add.accept(member.phrases())));
        compiled.labNames.values().forEach(add);
        add.accept(compiled.hypotheticalCues);
        add.accept(compiled.historyCues);
        compiled.conceptPhrases.values().forEach(add);
        Map<String, List<String>> concepts = compiled.rules.concepts();
        concepts.keySet().forEach(concept -> add.accept(Phrase.compile("@" + concept, concepts)));
        return ordered;
    }

    private static List<List<String>> corpusClauses(CompiledRules compiled) {
        List<List<String>> clauses = new ArrayList<>();
        for (LabelledMessage m : MatcherCorpus.messages()) {
            ScannedText.of(m.subject(), m.body(), compiled.clauseBreaks).clauses().forEach(c -> clauses.add(c.words()));
        }
        return clauses;
    }

    /**
     * Clauses made of a list's phrases (each with an alternative picked at random for each word, a prefix extended, a
     * gap filled with up to one word more than it allows), {@code variants} per phrase: as written, with one edit of
     * any kind (deletion, insertion, substitution, adjacent swap) in some words, two edits in some words, one edit in
     * the first word, and behind another word with an edit in some words.
     */
    private static List<List<String>> generatedClauses(List<Phrase> list, int variants, Random random) {
        List<List<String>> clauses = new ArrayList<>();
        for (Phrase phrase : list) {
            List<String> words = new ArrayList<>();
            for (String element : phrase.toString().split(" ")) {
                if (element.startsWith("~")) {
                    int fill = random.nextInt(Integer.parseInt(element.substring(1)) + 2);
                    for (int f = 0; f < fill; f++) {
                        words.add(FILLERS.get(random.nextInt(FILLERS.size())));
                    }
                    continue;
                }
                String[] alternatives = element.split("\\|");
                String word = alternatives[random.nextInt(alternatives.length)];
                if (word.endsWith("*")) {
                    word = word.substring(0, word.length() - 1) + List.of("", "s", "ing", "ed").get(random.nextInt(4));
                }
                words.add(word);
            }
            List<List<String>> all = new ArrayList<>();
            all.add(List.copyOf(words));
            all.add(edited(words, random, 1, 0.5, false));
            all.add(edited(words, random, 2, 0.5, false));
            all.add(edited(words, random, 1, 1.0, true));
            List<String> before = new ArrayList<>(List.of(FILLERS.get(random.nextInt(FILLERS.size()))));
            before.addAll(edited(words, random, 1, 0.3, false));
            all.add(List.copyOf(before));
            clauses.addAll(all.subList(0, Math.min(variants, all.size())));
        }
        return clauses;
    }

    private static List<String> edited(List<String> words, Random random, int edits, double chance, boolean firstOnly) {
        List<String> out = new ArrayList<>();
        for (int w = 0; w < words.size(); w++) {
            String word = words.get(w);
            if ((!firstOnly || w == 0) && random.nextDouble() < chance) {
                for (int e = 0; e < edits; e++) {
                    word = edit(word, random);
                }
            }
            if (!word.isEmpty()) {
                out.add(word);
            }
        }
        return List.copyOf(out);
    }

    private static String edit(String word, Random random) {
        String letters = "abcdefghijklmnopqrstuvwxyz0123456789" + word;
        char c = letters.charAt(random.nextInt(letters.length()));
        int at = word.isEmpty() ? 0 : random.nextInt(word.length());
        return switch (random.nextInt(4)) {
            case 0 -> word.isEmpty() ? word : word.substring(0, at) + word.substring(at + 1);
            case 1 -> word.substring(0, at) + c + word.substring(at);
            case 2 -> word.isEmpty() ? word : word.substring(0, at) + c + word.substring(at + 1);
            default -> at + 1 < word.length()
                    ? word.substring(0, at) + word.charAt(at + 1) + word.charAt(at) + word.substring(at + 2) : word;
        };
    }
}
