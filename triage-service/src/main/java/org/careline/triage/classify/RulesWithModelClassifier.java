package org.careline.triage.classify;

import org.careline.events.Category;
import org.careline.events.Urgency;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The rules first, then the statistical layer, which may <em>raise</em> the urgency: to EMERGENT
 * when P(EMERGENT) reaches the threshold and the rules said less, or ROUTINE to URGENT when
 * P(URGENT or EMERGENT) reaches its threshold. It cannot act on words the rules discount (negated, hypothetical,
 * historical: they give no feature). Since model 1.7 it may also <em>lower</em> one kind of rules EMERGENT to URGENT
 * ({@link #lowers}): a flag the rules data mark {@code lowerable}, counted only in clauses with a non-acute frame
 * (a bill, a claim, a form, an awareness event, a visit that already evaluated it), when P(EMERGENT) stays below the
 * cross-validated lowering threshold; never below URGENT, never for the unconditional classes. A raised decision keeps the
 * rules' category when it is MEDICATION or CLINICAL (the problem that makes it urgent), otherwise CLINICAL.
 * Since model 1.5 a raise to EMERGENT also needs the second stage (EMERGENT against URGENT, trained on the
 * non-ROUTINE messages only) to reach its own threshold: the first stage finds what looks serious, the second
 * separates emergencies from their URGENT look-alikes. Since model 1.8 a first stage sure enough alone (P(EMERGENT) at
 * or above the optional {@code emergentAloneThreshold}) raises to EMERGENT without the second stage's agreement.
 * The version on every decision is {@code <rules version>+<model version>}; the explanation starts with the
 * model's part (probability, threshold and the features that raised it) followed by the rules' explanation.
 * Thread-safe.
 */
public final class RulesWithModelClassifier implements Classifier {

    private static final int MAX_EXPLANATION = 1000;

    private final ClinicalRulesClassifier rules;
    private final TriageModel model;
    private final String version;

    public RulesWithModelClassifier(ClinicalRulesClassifier rules, TriageModel model) {
        if (!rules.rulesVersion().equals(model.rulesVersion())) {
            throw new IllegalArgumentException("the model reads the signals of rules " + model.rulesVersion()
                    + ", not " + rules.rulesVersion());
        }
        this.rules = rules;
        this.model = model;
        this.version = versionOf(rules.rulesVersion(), model.version());
    }

    /** The version recorded on decisions: rules and model. */
    public static String versionOf(String rulesVersion, String modelVersion) {
        return rulesVersion + "+" + modelVersion;
    }

    public String version() {
        return version;
    }

    public TriageModel model() {
        return model;
    }

    /**
     * A raise decided by the model: the new urgency and category, the probability that reached the threshold, and
     * whether it was a raise to EMERGENT without the second stage's agreement (the bypass, since 1.8).
     */
    record Raise(Urgency urgency, Category category, double probability, double threshold, boolean withoutSecondStage) {
    }

    /** The raise policy without the second-stage bypass (as before 1.8). */
    static Raise raise(Classification ruled, double emergent, double urgentOrAbove, double emergentAmongUrgent,
                       double emergentThreshold, double urgentThreshold, double emergentAmongUrgentThreshold) {
        return raise(ruled, emergent, urgentOrAbove, emergentAmongUrgent, emergentThreshold, urgentThreshold,
                emergentAmongUrgentThreshold, 0);
    }

    /**
     * The raise policy (shared with the cross-validation): null when the model leaves the rules' decision. To EMERGENT
     * when P(EMERGENT) reaches {@code emergentThreshold} and the second stage reaches its threshold, or (the bypass,
     * {@code emergentAloneThreshold} above 0) when P(EMERGENT) alone reaches {@code emergentAloneThreshold}; otherwise
     * ROUTINE to URGENT when P(URGENT or EMERGENT) reaches {@code urgentThreshold}.
     */
    static Raise raise(Classification ruled, double emergent, double urgentOrAbove, double emergentAmongUrgent,
                       double emergentThreshold, double urgentThreshold, double emergentAmongUrgentThreshold,
                       double emergentAloneThreshold) {
        if (ruled.urgency() == Urgency.EMERGENT) {
            return null;
        }
        if (emergent >= emergentThreshold && emergentAmongUrgent >= emergentAmongUrgentThreshold) {
            return new Raise(Urgency.EMERGENT, raisedCategory(ruled.category()), emergent, emergentThreshold, false);
        }
        if (emergentAloneThreshold > 0 && emergent >= emergentAloneThreshold && emergent >= emergentThreshold) {
            return new Raise(Urgency.EMERGENT, raisedCategory(ruled.category()), emergent, emergentAloneThreshold, true);
        }
        if (ruled.urgency() == Urgency.ROUTINE && urgentOrAbove >= urgentThreshold) {
            return new Raise(Urgency.URGENT, raisedCategory(ruled.category()), urgentOrAbove, urgentThreshold, false);
        }
        return null;
    }

    /**
     * The lowering policy (shared with the cross-validation): whether a rules EMERGENT is lowered to URGENT. Only a flag
     * marked {@code lowerable} in the rules data (history-prone classes: never overdose, suicide, dangerous double
     * doses, infant fever), only when every clause the flag counted in has a non-acute frame (a bill, a form, an
     * awareness event, a visit that already evaluated it: {@code inFrame}), and only when the model does not find an
     * emergency: P(EMERGENT) below {@code lowerThreshold} (0: never).
     */
    static boolean lowers(TriageRules.Flag flag, boolean inFrame, double emergent, double lowerThreshold) {
        return lowerThreshold > 0 && flag != null && flag.mayBeLowered() && inFrame && emergent < lowerThreshold;
    }

    /**
     * What a lowered decision's category is: the one the rules give below EMERGENT (an URGENT flag's, or the keywords':
     * BILLING for a bill); its urgency is URGENT whatever the rules say below (someone looks at it the same day).
     */
    static Category loweredCategory(ClinicalRulesClassifier.Ruled below) {
        return below.classification().category();
    }

    @Override
    public Classification classify(MessageText message) {
        ClinicalRulesClassifier.Ruled decided = rules.decide(message, false);
        Classification ruled = decided.classification();
        ModelSettings s = model.settings();
        if (ruled.urgency() == Urgency.EMERGENT) {
            if (s.lowerThreshold() > 0 && decided.flag() != null && decided.flag().mayBeLowered()
                    && model.decidedInFrame(decided, message)) {
                TriageModel.Assessment a = model.assess(message, ruled.urgency());
                if (lowers(decided.flag(), true, a.emergent(), s.lowerThreshold())) {
                    ClinicalRulesClassifier.Ruled below = rules.decide(message, true);
                    return with(ruled, Urgency.URGENT, loweredCategory(below), 1 - a.emergent(),
                            String.format(Locale.ROOT, "URGENT lowered by model %s: flag %s is lowerable and counted "
                                            + "only in a non-acute frame, P(EMERGENT) %.2f < %.2f; rules: ", model.version(),
                                    decided.flag().id(), a.emergent(), s.lowerThreshold()));
                }
                return with(ruled, ruled.urgency(), ruled.category(), ruled.confidence(),
                        String.format(Locale.ROOT, "model %s: in a non-acute frame but P(EMERGENT) %.2f >= %.2f, not "
                                + "lowered; ", model.version(), a.emergent(), s.lowerThreshold()));
            }
            return with(ruled, ruled.urgency(), ruled.category(), ruled.confidence(), "");
        }
        TriageModel.Assessment a = model.assess(message, ruled.urgency());
        Raise raise = raise(ruled, a.emergent(), a.urgentOrAbove(), a.emergentAmongUrgent(), s.emergentThreshold(),
                s.urgentThreshold(), s.emergentVsUrgentThreshold(), s.emergentAloneThreshold());
        if (raise == null) {
            String why = a.emergent() < s.emergentThreshold()
                    ? String.format(Locale.ROOT, "P(EMERGENT) %.2f < %.2f", a.emergent(), s.emergentThreshold())
                    : String.format(Locale.ROOT, "P(EMERGENT) %.2f >= %.2f but EMERGENT-vs-URGENT %.2f < %.2f%s",
                            a.emergent(), s.emergentThreshold(), a.emergentAmongUrgent(), s.emergentVsUrgentThreshold(),
                            s.emergentAloneThreshold() > 0 ? String.format(Locale.ROOT,
                                    " and P(EMERGENT) < %.2f to raise without it", s.emergentAloneThreshold()) : "");
            return with(ruled, ruled.urgency(), ruled.category(), ruled.confidence(),
                    String.format(Locale.ROOT, "model %s: %s, not raised; ", model.version(), why));
        }
        boolean emergent = raise.urgency() == Urgency.EMERGENT;
        return with(ruled, raise.urgency(), raise.category(), raise.probability(),
                String.format(Locale.ROOT, "%s raised by model %s: P(%s) %.2f >= %.2f%s [%s] -> category %s; rules: ",
                        raise.urgency(), model.version(), emergent ? "EMERGENT" : "URGENT or EMERGENT",
                        raise.probability(), raise.threshold(),
                        raise.withoutSecondStage() ? String.format(Locale.ROOT,
                                ": raised without the second stage (EMERGENT-vs-URGENT %.2f < %.2f)",
                                a.emergentAmongUrgent(), s.emergentVsUrgentThreshold())
                                : emergent && s.emergentVsUrgentThreshold() > 0 ? String.format(Locale.ROOT,
                                ", EMERGENT-vs-URGENT %.2f >= %.2f", a.emergentAmongUrgent(),
                                s.emergentVsUrgentThreshold()) : "",
                        describe(emergent ? a.emergentWhy() : a.urgentWhy()), raise.category()));
    }

    private static Category raisedCategory(Category ruled) {
        return ruled == Category.MEDICATION || ruled == Category.CLINICAL ? ruled : Category.CLINICAL;
    }

    private static String describe(List<LogisticModel.Contribution> why) {
        return why.stream()
                .map(c -> String.format(Locale.ROOT, "%s +%.2f", ModelFeatures.describe(c.feature()), c.value()))
                .collect(Collectors.joining(", "));
    }

    private Classification with(Classification ruled, Urgency urgency, Category category, double confidence,
                                String modelPart) {
        String explanation = modelPart + ruled.explanation();
        if (explanation.length() > MAX_EXPLANATION) {
            explanation = explanation.substring(0, MAX_EXPLANATION - 3) + "...";
        }
        return new Classification(urgency, category, Math.round(confidence * 100) / 100.0, explanation, version);
    }
}
