package org.careline.triage.classify;

import org.careline.events.Category;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** A rules document compiled once: phrases expanded and parsed, flags ordered by urgency. Immutable. */
final class CompiledRules {

    static final Pattern YEAR = Pattern.compile("(19|20)\\d\\d");

    /** A group member: reading tags ({@code #bp-severe}, or those inside a referenced concept) and compiled phrases. */
    record Member(String source, Set<String> tags, List<Phrase> phrases) {
    }

    record CompiledFlag(TriageRules.Flag rule, List<List<Member>> groups, List<Member> unless) {
    }

    /** A visit rule with its phrases compiled. */
    record CompiledVisit(TriageRules.VisitRule rule, List<Member> phrases) {
    }

    final TriageRules rules;
    final WordMatcher matcher;
    final Set<String> clauseBreaks;
    final Set<String> negationCues;
    final int negationWindow;
    final List<Phrase> hypotheticalCues;
    final Set<String> hypotheticalExcept;
    final List<Phrase> historyCues;
    final boolean yearsAreHistory;
    final List<CompiledFlag> flags;
    final Map<Category, Map<Member, Double>> keywords = new EnumMap<>(Category.class);
    final Map<String, List<Phrase>> labNames = new LinkedHashMap<>();
    /**
     * Every concept as a phrase list ({@code @name}), for the model's concept features; a concept that does not compile
     * is left out (the model compiles it itself and fails as before; the rules never needed it).
     */
    final Map<String, List<Phrase>> conceptPhrases = new LinkedHashMap<>();
    final List<CompiledVisit> visits;
    /**
     * Tries every phrase at every word position instead of the phrases the first-word index gives (the matching
     * before the index): set only by tests and benchmarks that compare the two, on their own instance, before use.
     */
    boolean referenceScan;
    /** Every phrase list above but the lab names, in one first-word index: where each matches, in one pass per text. */
    final RulePhrases rulePhrases;
    /** The key of a scanned text's reading tags under these rules ({@link ScannedText#memo}). */
    final Object readingTags = new Object();

    CompiledRules(TriageRules rules) {
        this.rules = rules;
        Map<String, List<String>> concepts = rules.concepts();
        this.matcher = new WordMatcher(rules.matching().minLength(), rules.matching().longLength());
        this.clauseBreaks = normalized(rules.clauseBreaks());
        this.negationCues = normalized(rules.negation().cues());
        this.negationWindow = rules.negation().window();
        this.hypotheticalCues = phrases(rules.hypothetical().cues(), concepts);
        this.hypotheticalExcept = normalized(rules.hypothetical().except());
        this.historyCues = phrases(rules.history().cues(), concepts);
        this.yearsAreHistory = Boolean.TRUE.equals(rules.history().years());
        Map<String, Member> cache = new HashMap<>();
        List<CompiledFlag> compiled = new ArrayList<>();
        for (TriageRules.Flag flag : rules.flags()) {
            List<List<Member>> groups = flag.all().stream()
                    .map(group -> group.stream().map(m -> member(m, concepts, cache)).toList())
                    .toList();
            List<Member> unless = flag.unless() == null ? List.of()
                    : flag.unless().stream().map(m -> member(m, concepts, cache)).toList();
            compiled.add(new CompiledFlag(flag, groups, unless));
        }
        compiled.sort(Comparator.comparing(f -> f.rule().urgency())); // stable: file order within an urgency
        this.flags = List.copyOf(compiled);
        rules.categories().keywords().forEach((category, weights) -> {
            Map<Member, Double> members = new LinkedHashMap<>();
            weights.forEach((phrase, weight) -> members.put(member(phrase, concepts, cache), weight));
            keywords.put(category, members);
        });
        this.visits = rules.visits() == null ? List.of() : rules.visits().stream()
                .map(v -> new CompiledVisit(v, v.phrases().stream().map(p -> member(p, concepts, cache)).toList()))
                .toList();
        if (rules.readings().labs() != null) {
            for (TriageRules.Lab lab : rules.readings().labs()) {
                if (lab.id() == null || lab.names() == null || lab.names().isEmpty()) {
                    throw new IllegalStateException("every lab needs an id and names");
                }
                labNames.put(lab.id(), phrases(lab.names(), concepts));
            }
        }
        for (String concept : concepts.keySet()) {
            try {
                conceptPhrases.put(concept, Phrase.compile("@" + concept, concepts));
            } catch (RuntimeException e) {
                // not used by these rules (or the rules would have failed above): whoever uses it compiles it itself
            }
        }
        List<List<Phrase>> lists = new ArrayList<>();
        for (CompiledFlag flag : flags) {
            flag.groups().forEach(group -> group.forEach(m -> lists.add(m.phrases())));
            flag.unless().forEach(m -> lists.add(m.phrases()));
        }
        keywords.values().forEach(members -> members.keySet().forEach(m -> lists.add(m.phrases())));
        visits.forEach(visit -> visit.phrases().forEach(m -> lists.add(m.phrases())));
        lists.add(hypotheticalCues);
        lists.add(historyCues);
        lists.addAll(conceptPhrases.values());
        this.rulePhrases = new RulePhrases(lists, matcher);
    }

    private static Member member(String source, Map<String, List<String>> concepts, Map<String, Member> cache) {
        if (source == null || source.isBlank()) {
            throw new IllegalStateException("a triage phrase is empty");
        }
        return cache.computeIfAbsent(source, s -> {
            if (s.startsWith("#")) {
                return new Member(s, Set.of(s), List.of());
            }
            Set<String> tags = new java.util.HashSet<>();
            if (s.startsWith("@") && concepts.containsKey(s.substring(1))) {
                concepts.get(s.substring(1)).stream().filter(m -> m.startsWith("#")).forEach(tags::add);
            }
            return new Member(s, Set.copyOf(tags), Phrase.compile(s, concepts));
        });
    }

    private static List<Phrase> phrases(List<String> texts, Map<String, List<String>> concepts) {
        List<Phrase> out = new ArrayList<>();
        for (String text : texts) {
            out.addAll(Phrase.compile(text, concepts));
        }
        return PhraseList.of(out);
    }

    /** Where the phrases of a list may match: indexed by first word, or every phrase at every position as before. */
    PhraseList.Index index(List<Phrase> phrases) {
        return referenceScan ? PhraseList.plain(phrases, matcher) : PhraseList.indexed(phrases, matcher);
    }

    private static Set<String> normalized(List<String> words) {
        return words == null ? Set.of() : Set.copyOf(words.stream().map(ScannedText::normalize).toList());
    }
}
