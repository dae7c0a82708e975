package org.careline.triage.classify;

import org.careline.events.Urgency;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a message into the statistical layer's features, using the active rules' own text handling
 * (lower case, accents folded, clauses) and context cues: words in a negated, hypothetical or historical
 * context ("no chest pain", "if I get chest pain", "my dad's stroke in 2019") give no feature at all, so
 * the model cannot raise on what the rules deliberately discount. Features:
 * <ul>
 *   <li>{@code w:word} words (not function words such as "and", "his", "y": they only measured message length)
 *       and {@code b:word word} bigrams within a clause (not two function words);</li>
 *   <li>{@code c:^gra}, {@code c:ram$}... character 3- and 4-grams of words of 4+ letters (typo tolerance),
 *       each worth {@code charWeight};</li>
 *   <li>{@code concept:name} a rules concept found in a counting context, even if no flag fired
 *       ({@code @sob}, {@code @severity}...); {@code tag:#reading} a number out of range;</li>
 *   <li>{@code near:flag} an EMERGENT flag one group short of firing (since 1.8; before, any group: a three-group
 *   flag's generic group, "he" or "his", made a near miss of every message that had it);
 *       {@code rules:URGENT} / {@code rules:ROUTINE} what the rules decided.</li>
 * </ul>
 * The rules concept {@link TriageRules#LOWERING_FRAME} (a non-acute frame: bills, forms, awareness events) is a
 * context for lowering, never a feature; with {@code frameSilencesWords} (measured in 1.7, off: it cost precision in
 * cross-validation) the words and concepts of a framed clause give no feature either.
 * Thread-safe (per-message state lives in the call).
 */
final class ModelFeatures {

    /** Function words (English, simple Spanish): no unigram or character feature; negations are kept. */
    static final Set<String> FUNCTION_WORDS = Set.of("a", "an", "the", "and", "or", "to", "of", "in", "on", "at", "for",
            "with", "from", "is", "are", "was", "were", "be", "been", "am", "it", "its", "this", "that", "i", "im", "ive",
            "me", "my", "he", "hes", "his", "him", "she", "shes", "her", "we", "our", "you", "your", "they", "them",
            "their", "so", "just", "up", "like", "have", "has", "had", "do", "does", "did", "can", "will", "would",
            "about", "as", "by", "if", "there", "what", "when", "some", "all", "get", "got", "y", "de", "la", "el",
            "en", "que", "mi", "se", "es", "un", "una", "los", "las", "por", "con", "lo", "le", "su", "al", "del");

    private final ClinicalRulesClassifier rules;
    private final CompiledRules compiled;
    private final double charWeight;
    private final Map<String, List<Phrase>> conceptPhrases = new LinkedHashMap<>();
    private final Map<String, Set<String>> conceptTags = new LinkedHashMap<>();

    private final boolean conceptPairs;
    private final boolean rulesDecision;
    private final boolean frameSilencesWords;
    private final List<Phrase> framePhrases;

    ModelFeatures(ClinicalRulesClassifier rules, double charWeight) {
        this(rules, charWeight, false, true, false);
    }

    ModelFeatures(ClinicalRulesClassifier rules, ModelSettings settings) {
        this(rules, settings.charWeight(), settings.conceptPairs(), settings.rulesDecision(),
                settings.frameSilencesWords());
    }

    ModelFeatures(ClinicalRulesClassifier rules, double charWeight, boolean conceptPairs, boolean rulesDecision,
                  boolean frameSilencesWords) {
        this.conceptPairs = conceptPairs;
        this.rulesDecision = rulesDecision;
        this.frameSilencesWords = frameSilencesWords;
        this.rules = rules;
        this.compiled = rules.compiled();
        this.charWeight = charWeight;
        Map<String, List<String>> concepts = compiled.rules.concepts();
        this.framePhrases = !concepts.containsKey(TriageRules.LOWERING_FRAME) ? List.of()
                : compiled.conceptPhrases.getOrDefault(TriageRules.LOWERING_FRAME,
                        Phrase.compile("@" + TriageRules.LOWERING_FRAME, concepts));
        for (Map.Entry<String, List<String>> concept : new TreeMap<>(concepts).entrySet()) {
            if (concept.getKey().equals(TriageRules.LOWERING_FRAME)) {
                continue; // a context, not a finding: it never is a feature of its own
            }
            List<Phrase> compiledConcept = compiled.conceptPhrases.get(concept.getKey()); // one of the rules' lists
            conceptPhrases.put(concept.getKey(), compiledConcept != null ? compiledConcept
                    : Phrase.compile("@" + concept.getKey(), concepts));
            conceptTags.put(concept.getKey(), Set.copyOf(
                    concept.getValue().stream().filter(m -> m.startsWith("#")).toList()));
        }
    }

    String rulesVersion() {
        return rules.rulesVersion();
    }

    /**
     * Whether the message has a non-acute frame ({@link TriageRules#LOWERING_FRAME}: a bill, a form, an awareness
     * event, a visit that already evaluated the problem) in a clause where it is not negated or hypothetical.
     */
    boolean framed(MessageText message) {
        return framedClauses(message) != 0;
    }

    /** The clauses with a non-acute frame (bit i = clause i, as {@link Finder#countingClauses}). */
    long framedClauses(MessageText message) {
        if (framePhrases.isEmpty()) {
            return 0;
        }
        ScannedText text = ScannedText.of(message.subject(), message.body(), compiled.clauseBreaks);
        return new Finder(text, compiled).countingClauses(framePhrases, false);
    }

    /** The features of a message, given the rules' decision on it. Sorted by name (deterministic). */
    Map<String, Double> of(MessageText message, Urgency rulesUrgency) {
        ScannedText text = ScannedText.of(message.subject(), message.body(), compiled.clauseBreaks);
        Finder finder = new Finder(text, compiled);
        Set<String> tags = ReadingTags.of(text, compiled);
        Map<String, Double> f = new TreeMap<>();
        List<ScannedText.Clause> clauses = text.clauses();
        long framed = frameSilencesWords && !framePhrases.isEmpty() ? finder.countingClauses(framePhrases, false) : 0;
        for (int c = 0; c < clauses.size(); c++) {
            List<String> words = clauses.get(c).words();
            boolean silenced = (framed & (1L << Math.min(c, 63))) != 0;
            boolean previous = false;
            for (int i = 0; i < words.size(); i++) {
                boolean counts = !silenced && finder.countsAt(c, i);
                if (counts) {
                    String word = words.get(i);
                    boolean function = FUNCTION_WORDS.contains(word);
                    if (!function) {
                        f.put("w:" + word, 1.0);
                    }
                    if (previous && !(function && FUNCTION_WORDS.contains(words.get(i - 1)))) {
                        f.put("b:" + words.get(i - 1) + " " + word, 1.0);
                    }
                    if (!function && charWeight > 0 && word.length() >= 4 && !Character.isDigit(word.charAt(0))) {
                        String padded = "^" + word + "$";
                        for (int n = 3; n <= 4; n++) {
                            for (int s = 0; s + n <= padded.length(); s++) {
                                f.put("c:" + padded.substring(s, s + n), charWeight);
                            }
                        }
                    }
                }
                previous = counts;
            }
        }
        for (String tag : tags) {
            f.put("tag:" + tag, 1.0);
        }
        Map<String, Long> inClauses = new LinkedHashMap<>();
        for (Map.Entry<String, List<Phrase>> concept : conceptPhrases.entrySet()) {
            boolean tagged = conceptTags.get(concept.getKey()).stream().anyMatch(tags::contains);
            long clausesFound = concept.getValue().isEmpty() ? 0
                    : finder.countingClauses(concept.getValue(), true) & ~framed;
            if (tagged || clausesFound != 0) {
                f.put("concept:" + concept.getKey(), 1.0);
            }
            if (clausesFound != 0) {
                inClauses.put(concept.getKey(), clausesFound);
            }
        }
        if (conceptPairs) {
            List<Map.Entry<String, Long>> found = List.copyOf(inClauses.entrySet());
            for (int a = 0; a < found.size(); a++) {
                for (int b = a + 1; b < found.size(); b++) {
                    if ((found.get(a).getValue() & found.get(b).getValue()) != 0) {
                        f.put("pair:" + found.get(a).getKey() + "+" + found.get(b).getKey(), 1.0);
                    }
                }
            }
        }
        for (CompiledRules.CompiledFlag flag : compiled.flags) {
            if (flag.rule().urgency() != Urgency.EMERGENT || flag.groups().size() < 2) {
                continue;
            }
            boolean history = !Boolean.FALSE.equals(flag.rule().historyMatters());
            int matched = 0;
            for (List<CompiledRules.Member> group : flag.groups()) {
                for (CompiledRules.Member member : group) {
                    if (member.tags().stream().anyMatch(tags::contains)
                            || (!member.phrases().isEmpty() && finder.status(member.phrases(), history).counts())) {
                        matched++;
                        break;
                    }
                }
            }
            if (matched == flag.groups().size() - 1) {
                f.put("near:" + flag.rule().id(), 1.0);
            }
        }
        if (rulesDecision && rulesUrgency != Urgency.EMERGENT) {
            f.put("rules:" + rulesUrgency, 1.0);
        }
        return f;
    }

    /** A feature's name as the explanation shows it: the model's vocabulary, never free message text. */
    static String describe(String feature) {
        int colon = feature.indexOf(':');
        String kind = feature.substring(0, colon);
        String value = feature.substring(colon + 1);
        return switch (kind) {
            case "w", "b" -> "'" + value + "'";
            case "c" -> "chars '" + value + "'";
            case "concept" -> "@" + value;
            case "pair" -> "@" + value.replace("+", " with @");
            case "tag" -> value;
            case "near" -> "near " + value;
            case "rules" -> "rules " + value;
            default -> feature;
        };
    }
}
