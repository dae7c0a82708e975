package org.careline.triage.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.careline.events.Urgency;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The statistical layer: two logistic regressions trained on the shipped labelled corpus with the active
 * rules' features ({@link ModelFeatures}). {@code emergent} scores P(EMERGENT); {@code urgentOrAbove}
 * scores P(URGENT or EMERGENT). Built by {@link #train} (deterministic), or loaded from the weights that
 * training wrote ({@code triage-model-weights.json}, see {@link #toJson()}): the service loads the shipped
 * weights at startup instead of training (training extracts rule signals from every corpus message, seconds
 * on a busy machine). Weights are rounded to 6 decimals and those below 1e-5 are left out. Thread-safe.
 */
public final class TriageModel {

    /** What the model says about one message: probabilities and the features that raised each. */
    record Assessment(double emergent, double urgentOrAbove, double emergentAmongUrgent,
                      List<LogisticModel.Contribution> emergentWhy, List<LogisticModel.Contribution> urgentWhy) {
    }

    private static final int EXPLAINED_FEATURES = 5;

    private final ModelSettings settings;
    private final ModelFeatures features;
    private final LogisticModel emergent;
    private final LogisticModel urgentOrAbove;
    private final LogisticModel emergentVsUrgent;
    private final int trainedOn;
    private final String trainedWithRules;

    private TriageModel(ModelSettings settings, ModelFeatures features, LogisticModel emergent,
                        LogisticModel urgentOrAbove, LogisticModel emergentVsUrgent, int trainedOn,
                        String trainedWithRules) {
        this.settings = settings;
        this.features = features;
        this.emergent = emergent;
        this.urgentOrAbove = urgentOrAbove;
        this.emergentVsUrgent = emergentVsUrgent;
        this.trainedOn = trainedOn;
        this.trainedWithRules = trainedWithRules;
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final double SMALLEST_WEIGHT = 1e-5;

    /** The trained weights as JSON (sorted, rounded): what {@code triage-model-weights.json} holds. */
    public String toJson() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", settings.version());
        root.put("trainedWithRules", trainedWithRules);
        root.put("trainedOn", trainedOn);
        root.set("emergent", json(emergent));
        root.set("urgentOrAbove", json(urgentOrAbove));
        if (emergentVsUrgent != null) {
            root.set("emergentVsUrgent", json(emergentVsUrgent));
        }
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode json(LogisticModel model) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("bias", round(model.bias()));
        ObjectNode weights = node.putObject("weights");
        new TreeMap<>(model.weights()).forEach((name, w) -> {
            if (Math.abs(w) >= SMALLEST_WEIGHT) {
                weights.put(name, round(w));
            }
        });
        return node;
    }

    private static BigDecimal round(double value) {
        return BigDecimal.valueOf(value).setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros();
    }

    /**
     * Loads shipped weights and applies them with the given (active) rules' signals. The weights' version must
     * be the settings' version. With rules other than those it was trained with, the model still applies (words
     * and characters do not depend on the rules; a renamed concept just stops contributing).
     */
    public static TriageModel fromClasspath(String resource, ClinicalRulesClassifier rules, ModelSettings settings) {
        try (InputStream in = TriageModel.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("triage model weights not found: " + resource);
            }
            JsonNode root = MAPPER.readTree(in);
            if (!settings.version().equals(root.path("version").asText())) {
                throw new IllegalStateException("triage model weights " + resource + " are version "
                        + root.path("version").asText() + ", settings say " + settings.version());
            }
            return new TriageModel(settings, new ModelFeatures(rules, settings), model(root.path("emergent")),
                    model(root.path("urgentOrAbove")),
                    root.has("emergentVsUrgent") ? model(root.path("emergentVsUrgent")) : null,
                    root.path("trainedOn").asInt(),
                    root.path("trainedWithRules").asText());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read triage model weights " + resource, e);
        }
    }

    private static LogisticModel model(JsonNode node) {
        Map<String, Double> weights = new HashMap<>();
        node.path("weights").fields().forEachRemaining(e -> weights.put(e.getKey(), e.getValue().asDouble()));
        return new LogisticModel(Map.copyOf(weights), node.path("bias").asDouble());
    }

    /** Trains on the corpus named in the settings. */
    public static TriageModel train(ClinicalRulesClassifier rules, ModelSettings settings) {
        List<LabelledMessage> corpus = new ArrayList<>();
        settings.corpus().forEach(resource -> corpus.addAll(LabelledMessage.fromClasspath(resource)));
        return train(rules, settings, corpus);
    }

    /** Trains on the given labelled messages, with features from the given rules. */
    public static TriageModel train(ClinicalRulesClassifier rules, ModelSettings settings, List<LabelledMessage> corpus) {
        ModelFeatures features = new ModelFeatures(rules, settings);
        List<Map<String, Double>> x = new ArrayList<>(corpus.size());
        boolean[] isEmergent = new boolean[corpus.size()];
        boolean[] isUrgent = new boolean[corpus.size()];
        for (int i = 0; i < corpus.size(); i++) {
            LabelledMessage m = corpus.get(i);
            x.add(features.of(m.text(), rules.classify(m.text()).urgency()));
            isEmergent[i] = m.urgency() == Urgency.EMERGENT;
            isUrgent[i] = m.urgency() != Urgency.ROUTINE;
        }
        LogisticModel e = LogisticModel.train(x, isEmergent, settings.minDocs(), settings.l2(), settings.iterations(),
                settings.learningRate());
        LogisticModel u = LogisticModel.train(x, isUrgent, settings.minDocs(), settings.l2(), settings.iterations(),
                settings.learningRate());
        LogisticModel s = null;
        if (settings.emergentVsUrgentThreshold() > 0) {
            List<Map<String, Double>> notRoutine = new ArrayList<>();
            List<Boolean> labels = new ArrayList<>();
            for (int i = 0; i < corpus.size(); i++) {
                if (isUrgent[i]) {
                    notRoutine.add(x.get(i));
                    labels.add(isEmergent[i]);
                }
            }
            boolean[] sLabels = new boolean[labels.size()];
            for (int i = 0; i < sLabels.length; i++) {
                sLabels[i] = labels.get(i);
            }
            s = LogisticModel.train(notRoutine, sLabels, settings.minDocs(), settings.l2(), settings.iterations(),
                    settings.learningRate());
        }
        return new TriageModel(settings, features, e, u, s, corpus.size(), rules.rulesVersion());
    }

    /** The same trained weights with other raise thresholds (for the cross-validated threshold sweep). */
    public TriageModel withThresholds(double emergentThreshold, double urgentThreshold) {
        return new TriageModel(settings.withThresholds(emergentThreshold, urgentThreshold), features, emergent,
                urgentOrAbove, emergentVsUrgent, trainedOn, trainedWithRules);
    }

    /** The same weights reading the signals of other (newly activated) rules. */
    public TriageModel readingRules(ClinicalRulesClassifier rules) {
        return new TriageModel(settings, new ModelFeatures(rules, settings), emergent, urgentOrAbove,
                emergentVsUrgent, trainedOn, trainedWithRules);
    }

    Assessment assess(MessageText message, Urgency rulesUrgency) {
        Map<String, Double> f = features.of(message, rulesUrgency);
        return new Assessment(emergent.probability(f), urgentOrAbove.probability(f),
                emergentVsUrgent == null ? 1 : emergentVsUrgent.probability(f), emergent.topRaising(f, EXPLAINED_FEATURES), urgentOrAbove.topRaising(f, EXPLAINED_FEATURES));
    }

    /** Whether the message has a non-acute frame (the lowering condition, see {@link ModelSettings#lowerThreshold()}). */
    boolean framed(MessageText message) {
        return features.framed(message);
    }

    /**
     * Whether a rules decision was made inside a non-acute frame: every clause in which its flag's phrases count has a
     * frame ("the copay for my ER chest pain visit"), not an emergency told next to a bill in a clause of its own.
     */
    boolean decidedInFrame(ClinicalRulesClassifier.Ruled ruled, MessageText message) {
        if (ruled.flag() == null || ruled.clauses() == 0) {
            return false;
        }
        long framed = features.framedClauses(message);
        return framed != 0 && (ruled.clauses() & ~framed) == 0;
    }

    /** The same trained weights with another lowering threshold (for the cross-validated sweep). */
    public TriageModel withLowerThreshold(double lowerThreshold) {
        return new TriageModel(settings.withLowerThreshold(lowerThreshold), features, emergent, urgentOrAbove,
                emergentVsUrgent, trainedOn, trainedWithRules);
    }

    public ModelSettings settings() {
        return settings;
    }

    public String version() {
        return settings.version();
    }

    /** The rules version whose signals the model was trained with. */
    public String trainedWithRules() {
        return trainedWithRules;
    }

    /** The rules version whose signals the model reads now. */
    String rulesVersion() {
        return features.rulesVersion();
    }

    public int trainedOn() {
        return trainedOn;
    }

    LogisticModel emergentModel() {
        return emergent;
    }

    LogisticModel urgentModel() {
        return urgentOrAbove;
    }

    /** The second stage (EMERGENT against URGENT, trained on the non-ROUTINE messages), or null when off. */
    LogisticModel emergentVsUrgentModel() {
        return emergentVsUrgent;
    }
}
