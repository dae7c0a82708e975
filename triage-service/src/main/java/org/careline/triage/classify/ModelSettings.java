package org.careline.triage.classify;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * How the statistical layer is built (JSON, {@code triage-model.json}): its version (recorded on every
 * decision next to the rules version), the shipped corpus it is trained on, the training settings and
 * the raise thresholds chosen by leave-one-round-out cross-validation ({@code ModelCrossValidationTest}).
 *
 * @param corpus            classpath JSON-lines resources of labelled messages
 * @param minDocs           a feature enters the vocabulary when at least this many training messages have it
 * @param l2                L2 penalty on the weights (not on the bias)
 * @param iterations        full-batch gradient steps (deterministic: no sampling, no seed needed)
 * @param learningRate      gradient step
 * @param charWeight        value of one character n-gram feature (words and rule signals count 1)
 * @param emergentThreshold raise to EMERGENT when P(EMERGENT) reaches it (rules said URGENT or ROUTINE)
 * @param urgentThreshold   raise ROUTINE to URGENT when P(URGENT or EMERGENT) reaches it; above 1 disables
 * @param conceptPairs      also a feature for every two rules concepts found in one clause (class combinations:
 *                          a body region with a sensation, a child with a substance...)
 * @param rulesDecision     a feature for what the rules decided ({@code rules:URGENT}, {@code rules:ROUTINE})
 * @param emergentVsUrgentThreshold the second stage (since 1.5): a logistic regression trained only on the
 *                          non-ROUTINE messages, EMERGENT against URGENT; a raise to EMERGENT also needs its
 *                          P(EMERGENT | URGENT or EMERGENT) to reach this; 0 turns the stage off (not trained)
 * @param lowerThreshold    (since 1.7) a rules EMERGENT by a flag marked {@code lowerable}, in a message with a
 *                          non-acute frame ({@link TriageRules#LOWERING_FRAME}), is lowered to URGENT when the second
 *                          stage's P(EMERGENT | URGENT or EMERGENT) is below this; 0 (or absent) never lowers
 * @param frameSilencesWords (since 1.7) words in a clause with a non-acute frame (a bill, a form, an awareness
 *                          walk...) give no word, bigram or character feature, as words in a historical clause do
 * @param emergentAloneThreshold (since 1.8) the second-stage bypass: a raise to EMERGENT whose first-stage P(EMERGENT)
 *                          reaches this does not need the second stage's agreement (the first stage is sure enough
 *                          alone); 0 (or absent) turns the bypass off, the second stage always has a say; otherwise
 *                          above {@code emergentThreshold} and below 1
 */
@RegisterForReflection
public record ModelSettings(String version, List<String> corpus, int minDocs, double l2, int iterations,
                            double learningRate, double charWeight, double emergentThreshold,
                            double urgentThreshold, boolean conceptPairs, boolean rulesDecision,
                            double emergentVsUrgentThreshold, double lowerThreshold, boolean frameSilencesWords,
                            double emergentAloneThreshold) {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public static ModelSettings fromClasspath(String resource) {
        try (InputStream in = ModelSettings.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("triage model settings not found: " + resource);
            }
            return MAPPER.readValue(in, ModelSettings.class).checked();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read triage model settings " + resource, e);
        }
    }

    ModelSettings checked() {
        if (version == null || version.isBlank() || corpus == null || corpus.isEmpty() || minDocs < 1 || l2 < 0
                || iterations < 1 || learningRate <= 0 || charWeight < 0 || emergentThreshold <= 0
                || urgentThreshold <= 0 || emergentVsUrgentThreshold < 0 || emergentVsUrgentThreshold >= 1
                || lowerThreshold < 0 || lowerThreshold >= 1 || (lowerThreshold > 0 && emergentVsUrgentThreshold == 0)
                || (emergentAloneThreshold != 0
                    && (emergentAloneThreshold <= emergentThreshold || emergentAloneThreshold >= 1))) {
            throw new IllegalStateException("invalid triage model settings " + version);
        }
        return this;
    }

    /** The same settings with other thresholds (cross-validation sweeps them). */
    public ModelSettings withThresholds(double emergent, double urgent) {
        return withThresholds(emergent, urgent, emergentVsUrgentThreshold);
    }

    /** The same settings with other thresholds, the second stage's too. */
    public ModelSettings withThresholds(double emergent, double urgent, double emergentVsUrgent) {
        return new ModelSettings(version, corpus, minDocs, l2, iterations, learningRate, charWeight, emergent, urgent,
                conceptPairs, rulesDecision, emergentVsUrgent, lowerThreshold, frameSilencesWords,
                emergentAloneThreshold);
    }

    /** The same settings with another lowering threshold (cross-validation sweeps it). */
    public ModelSettings withLowerThreshold(double lower) {
        return new ModelSettings(version, corpus, minDocs, l2, iterations, learningRate, charWeight, emergentThreshold,
                urgentThreshold, conceptPairs, rulesDecision, emergentVsUrgentThreshold, lower, frameSilencesWords,
                emergentAloneThreshold);
    }

    /** The same training settings with words in a non-acute frame silenced or not (an experiment of the CV). */
    public ModelSettings withFrameSilencesWords(boolean silences) {
        return new ModelSettings(version, corpus, minDocs, l2, iterations, learningRate, charWeight, emergentThreshold,
                urgentThreshold, conceptPairs, rulesDecision, emergentVsUrgentThreshold, lowerThreshold, silences,
                emergentAloneThreshold);
    }

    /** The same settings with another second-stage bypass threshold (cross-validation sweeps it; 0: off). */
    public ModelSettings withEmergentAloneThreshold(double alone) {
        return new ModelSettings(version, corpus, minDocs, l2, iterations, learningRate, charWeight, emergentThreshold,
                urgentThreshold, conceptPairs, rulesDecision, emergentVsUrgentThreshold, lowerThreshold,
                frameSilencesWords, alone);
    }
}
