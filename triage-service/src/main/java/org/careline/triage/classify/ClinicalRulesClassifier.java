package org.careline.triage.classify;

import org.careline.events.Category;
import org.careline.events.Urgency;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rule-based triage classifier. Urgency: the flags (red flags, urgent findings) in severity order;
 * the first that fires sets the urgency and, for URGENT and EMERGENT, the category ("the problem that
 * makes it urgent"). Otherwise ROUTINE, and the category comes from weighted keywords, the subject
 * weighing less and the patient's topic adding a hint. Every decision explains itself in rule
 * vocabulary (flag ids, rule phrases, reading tags), never with message text. Stateless and thread-safe.
 */
public final class ClinicalRulesClassifier implements Classifier {

    private static final int MAX_EXPLANATION = 1000;

    private final CompiledRules compiled;

    public ClinicalRulesClassifier(TriageRules rules) {
        this.compiled = new CompiledRules(rules.checked());
    }

    public String rulesVersion() {
        return compiled.rules.version();
    }

    /** The compiled rules, for the statistical layer's rule-signal features. */
    CompiledRules compiled() {
        return compiled;
    }

    /**
     * The rules' decision and the flag that made it (null when no flag fired: ROUTINE by keywords), with the clauses
     * in which the flag's phrases count ({@code clauses}: bit i = clause i, clauses past 63 share bit 63; every bit set
     * when a reading tag fired it, which belongs to no clause; 0 without a flag).
     */
    record Ruled(Classification classification, TriageRules.Flag flag, long clauses) {
    }

    @Override
    public Classification classify(MessageText message) {
        return decide(message, false).classification();
    }

    /**
     * The decision with the flag that made it. With {@code skipEmergent} the EMERGENT flags are passed over: what the
     * rules say below EMERGENT (the next flag, or keywords), used when the statistical layer lowers a rules EMERGENT.
     */
    Ruled decide(MessageText message, boolean skipEmergent) {
        ScannedText text = ScannedText.of(message.subject(), message.body(), compiled.clauseBreaks);
        Finder finder = new Finder(text, compiled);
        Set<String> tags = ReadingTags.of(text, compiled);
        List<String> notes = new ArrayList<>();
        for (CompiledRules.CompiledFlag flag : compiled.flags) {
            if (skipEmergent && flag.rule().urgency() == Urgency.EMERGENT) {
                continue;
            }
            List<String> fired = fires(flag, finder, tags, notes);
            if (fired != null) {
                TriageRules.Flag rule = flag.rule();
                List<String> why = new ArrayList<>();
                why.add(rule.urgency() + " by flag " + rule.id() + " [" + String.join(" + ", fired) + "] -> category "
                        + rule.category());
                why.addAll(notes);
                double confidence = rule.confidence() != null ? rule.confidence() : compiled.rules.categories().flagConfidence();
                return new Ruled(decide(rule.urgency(), rule.category(), confidence, why), rule,
                        clausesOf(flag, finder, tags));
            }
        }
        List<String> why = new ArrayList<>();
        why.add("ROUTINE: no flag fired");
        why.addAll(notes);
        return new Ruled(categorize(finder, message, why), null, 0);
    }

    /** The clauses in which a fired flag's members count (every bit when a reading tag is among them). */
    private static long clausesOf(CompiledRules.CompiledFlag flag, Finder finder, Set<String> tags) {
        boolean historyMatters = !Boolean.FALSE.equals(flag.rule().historyMatters());
        long clauses = 0;
        for (List<CompiledRules.Member> group : flag.groups()) {
            for (CompiledRules.Member member : group) {
                if (member.tags().stream().anyMatch(tags::contains)) {
                    return -1L;
                }
                if (!member.phrases().isEmpty()) {
                    clauses |= finder.countingClauses(member.phrases(), historyMatters);
                }
            }
        }
        return clauses;
    }

    /** The members that made the flag fire, or null; suppressed findings are noted for the explanation. */
    private List<String> fires(CompiledRules.CompiledFlag flag, Finder finder, Set<String> tags, List<String> notes) {
        boolean historyMatters = !Boolean.FALSE.equals(flag.rule().historyMatters());
        List<String> fired = new ArrayList<>();
        for (int g = 0; g < flag.groups().size(); g++) {
            int needed = g == 0 && flag.rule().minFirst() != null ? flag.rule().minFirst() : 1;
            List<String> hits = new ArrayList<>();
            for (CompiledRules.Member member : flag.groups().get(g)) {
                if (member.tags().stream().anyMatch(tags::contains)) {
                    hits.add(member.source());
                } else if (!member.phrases().isEmpty()) {
                    Finder.Status status = finder.status(member.phrases(), historyMatters);
                    if (status.counts()) {
                        hits.add("\"" + member.source() + "\"");
                    } else if (g == 0 && status != Finder.Status.ABSENT && flag.rule().urgency() != Urgency.ROUTINE) {
                        notes.add(status.name().toLowerCase() + " " + flag.rule().id() + " (\"" + member.source() + "\")");
                    }
                }
                if (hits.size() >= needed) {
                    break;
                }
            }
            if (hits.size() < needed) {
                return null;
            }
            fired.addAll(hits);
        }
        for (CompiledRules.Member member : flag.unless()) {
            boolean present = member.tags().stream().anyMatch(tags::contains)
                    || finder.status(member.phrases(), historyMatters).counts();
            if (present) {
                notes.add("not " + flag.rule().id() + ": unless \"" + member.source() + "\"");
                return null;
            }
        }
        return fired;
    }

    private Classification categorize(Finder finder, MessageText message, List<String> why) {
        TriageRules.Categories rules = compiled.rules.categories();
        Category hint = message.topic() == null ? null : rules.topicHints().get(message.topic());
        Map<Category, Double> scores = new EnumMap<>(Category.class);
        List<Category> negationAware = rules.negationAware() == null ? List.of() : rules.negationAware();
        Map<Category, List<String>> hits = new EnumMap<>(Category.class);
        for (Map.Entry<Category, Map<CompiledRules.Member, Double>> entry : compiled.keywords.entrySet()) {
            double score = 0;
            List<String> found = new ArrayList<>();
            for (Map.Entry<CompiledRules.Member, Double> keyword : entry.getValue().entrySet()) {
                CompiledRules.Member member = keyword.getKey();
                if (negationAware.contains(entry.getKey())
                        && finder.status(member.phrases(), false) == Finder.Status.NEGATED) {
                    continue;
                }
                if (finder.occurs(member.phrases(), false)) {
                    score += keyword.getValue();
                    found.add(member.source());
                } else if (finder.occurs(member.phrases(), true)) {
                    score += keyword.getValue() * rules.subjectWeight();
                    found.add(member.source() + " (subject)");
                }
            }
            if (entry.getKey() == hint) {
                score += rules.topicHintWeight();
                found.add("topic " + message.topic());
            }
            scores.put(entry.getKey(), score);
            hits.put(entry.getKey(), found);
        }
        Category best = Category.OTHER;
        double bestScore = 0;
        double second = 0;
        for (Map.Entry<Category, Double> e : scores.entrySet()) {
            if (e.getValue() > bestScore) {
                second = bestScore;
                best = e.getKey();
                bestScore = e.getValue();
            } else if (e.getValue() > second) {
                second = e.getValue();
            }
        }
        if (bestScore <= 0) {
            why.add("no category keyword -> OTHER");
            return decide(Urgency.ROUTINE, Category.OTHER, rules.fallbackConfidence(), why);
        }
        why.add(String.format("category %s %.2f [%s]", best, bestScore, String.join(", ", hits.get(best))));
        if (second > 0) {
            why.add(String.format("runner-up %.2f", second));
        }
        double confidence = Math.min(0.95, bestScore / (bestScore + second + 0.5));
        return decide(Urgency.ROUTINE, best, confidence, why);
    }

    private Classification decide(Urgency urgency, Category category, double confidence, List<String> why) {
        String explanation = String.join("; ", why);
        if (explanation.length() > MAX_EXPLANATION) {
            explanation = explanation.substring(0, MAX_EXPLANATION - 3) + "...";
        }
        return new Classification(urgency, category, Math.round(confidence * 100) / 100.0, explanation,
                compiled.rules.version());
    }
}
