package org.careline.triage.classify;

import org.careline.events.Urgency;

import java.util.Optional;

/**
 * The visit rules of a rules document ({@link TriageRules#visits()}): after a message is classified, the first
 * visit rule whose conditions hold and one of whose phrases counts (the same phrase matching as the flags:
 * negated, hypothetical and historical mentions do not count) recommends a visit. Never for EMERGENT: that
 * message gets the 911 reply. Stateless and thread-safe.
 */
public final class VisitRules {

    private final CompiledRules compiled;

    public VisitRules(ClinicalRulesClassifier rules) {
        this.compiled = rules.compiled();
    }

    /** The recommendation for a message classified as {@code decided}, if a visit rule fires. */
    public Optional<VisitRecommendation> recommend(MessageText message, Classification decided) {
        if (compiled.visits.isEmpty() || decided.urgency() == Urgency.EMERGENT) {
            return Optional.empty();
        }
        Finder finder = null;
        for (CompiledRules.CompiledVisit visit : compiled.visits) {
            TriageRules.VisitRule rule = visit.rule();
            if (rule.urgencies() != null && !rule.urgencies().contains(decided.urgency())
                    || rule.categories() != null && !rule.categories().contains(decided.category())) {
                continue;
            }
            if (finder == null) {
                finder = new Finder(ScannedText.of(message.subject(), message.body(), compiled.clauseBreaks), compiled);
            }
            boolean historyMatters = !Boolean.FALSE.equals(rule.historyMatters());
            for (CompiledRules.Member member : visit.phrases()) {
                if (finder.status(member.phrases(), historyMatters).counts()) {
                    return Optional.of(new VisitRecommendation(rule.id(), rule.visitType(), rule.reason(),
                            "visit " + rule.visitType() + " (" + rule.reason() + ") by visit rule " + rule.id()
                                    + " [\"" + member.source() + "\"]"));
                }
            }
        }
        return Optional.empty();
    }
}
