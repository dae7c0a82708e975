package org.careline.triage.classify;

import org.careline.events.Category;
import org.careline.events.Urgency;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The walking skeleton's classifier: red-flag phrases set the urgency (the most severe one that fires
 * wins, negated ones do not count), category keywords plus the patient's topic set the category.
 * Deliberately simple and explainable; it knows nothing of numbers (temperatures, blood pressures),
 * history ("my stroke in 2019") or third parties. Stateless and thread-safe.
 */
public final class RuleBasedClassifier implements Classifier {

    private static final int MAX_EXPLANATION = 1000;

    private final TriageRules rules;
    private final Set<String> negationCues;
    private final Set<String> clauseBreaks;
    private final List<CompiledFlag> flags;
    private final Map<Category, List<Phrase>> keywords = new EnumMap<>(Category.class);

    public RuleBasedClassifier(TriageRules rules) {
        this.rules = rules.checked();
        this.negationCues = Set.copyOf(rules.negationCues().stream().map(ScannedText::normalize).toList());
        this.clauseBreaks = Set.copyOf(rules.clauseBreaks() == null ? List.of() : rules.clauseBreaks());
        this.flags = rules.redFlags().stream()
                .map(CompiledFlag::of)
                .sorted(Comparator.comparing(flag -> flag.rule().urgency()))   // stable: file order within an urgency
                .toList();
        rules.categoryKeywords().forEach((category, phrases) ->
                keywords.put(category, phrases.stream().map(Phrase::of).toList()));
    }

    @Override
    public Classification classify(MessageText message) {
        ScannedText text = ScannedText.of(join(message.subject(), message.body()), clauseBreaks, negationCues,
                rules.negationWindow());
        List<String> why = new ArrayList<>();
        Optional<Fired> fired = firstRedFlag(text, why);
        if (fired.isPresent()) {
            TriageRules.RedFlag flag = fired.get().flag().rule();
            why.add(0, "red flag " + flag.id() + " (\"" + fired.get().phrase() + "\"" + fired.get().condition()
                    + ") -> " + flag.urgency() + ", category " + flag.category());
            return decide(flag.urgency(), flag.category(), rules.confidence().redFlag(), why);
        }
        why.add(0, "no red flag -> " + Urgency.ROUTINE);
        return categorize(text, message, why);
    }

    private Optional<Fired> firstRedFlag(ScannedText text, List<String> why) {
        for (CompiledFlag flag : flags) {
            for (Phrase phrase : flag.phrases()) {
                Presence presence = text.presenceOf(phrase);
                if (presence == Presence.NEGATED) {
                    why.add("negated: " + flag.rule().id() + " (\"" + phrase.text() + "\")");
                } else if (presence == Presence.PRESENT) {
                    Optional<String> condition = flag.condition(text);
                    if (condition.isPresent()) {
                        return Optional.of(new Fired(flag, phrase.text(), condition.get()));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private Classification categorize(ScannedText text, MessageText message, List<String> why) {
        Category hint = message.topic() == null ? null : rules.topicHints().get(message.topic());
        Category best = null;
        int bestScore = 0;
        List<String> bestHits = List.of();
        for (Category category : Category.values()) {
            List<String> hits = keywords.getOrDefault(category, List.of()).stream()
                    .filter(phrase -> text.presenceOf(phrase) == Presence.PRESENT)
                    .map(Phrase::text)
                    .toList();
            int score = hits.size() + (category == hint ? rules.topicHintWeight() : 0);
            if (score > bestScore || (score == bestScore && score > 0 && category == hint)) {
                best = category;
                bestScore = score;
                bestHits = hits;
            }
        }
        if (best == null) {
            why.add("no category keyword and no topic hint -> " + Category.OTHER);
            return decide(Urgency.ROUTINE, Category.OTHER, rules.confidence().fallback(), why);
        }
        String source = bestHits.isEmpty() ? "" : "keywords " + String.join(", ", bestHits);
        if (best == hint) {
            source += (source.isEmpty() ? "" : " and ") + "patient topic " + message.topic();
        }
        why.add("category " + best + " from " + source);
        double confidence = bestHits.isEmpty() ? rules.confidence().topicOnly()
                : best == hint ? rules.confidence().keywordsAndTopic() : rules.confidence().keywords();
        return decide(Urgency.ROUTINE, best, confidence, why);
    }

    private Classification decide(Urgency urgency, Category category, double confidence, List<String> why) {
        String explanation = String.join("; ", why);
        if (explanation.length() > MAX_EXPLANATION) {
            explanation = explanation.substring(0, MAX_EXPLANATION - 3) + "...";
        }
        return new Classification(urgency, category, confidence, explanation, rules.version());
    }

    private static String join(String subject, String body) {
        // the subject is its own clause: its words never negate or complete the body's
        return (subject == null ? "" : subject) + "\n" + (body == null ? "" : body);
    }

    /** A red flag whose phrases are compiled once. */
    private record CompiledFlag(TriageRules.RedFlag rule, List<Phrase> phrases, List<Phrase> requiresAny) {

        static CompiledFlag of(TriageRules.RedFlag rule) {
            List<String> requires = rule.requiresAny() == null ? List.of() : rule.requiresAny();
            return new CompiledFlag(rule, rule.phrases().stream().map(Phrase::of).toList(),
                    requires.stream().map(Phrase::of).toList());
        }

        /** Empty when a required companion phrase is missing; else how the requirement was met. */
        Optional<String> condition(ScannedText text) {
            if (requiresAny.isEmpty()) {
                return Optional.of("");
            }
            return requiresAny.stream()
                    .filter(phrase -> text.presenceOf(phrase) == Presence.PRESENT)
                    .findFirst()
                    .map(phrase -> " with \"" + phrase.text() + "\"");
        }
    }

    private record Fired(CompiledFlag flag, String phrase, String condition) {
    }
}
