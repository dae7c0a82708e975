package org.careline.triage.classify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * L2-regularised binary logistic regression over sparse named features, trained by full-batch gradient
 * descent from zero weights: the same data and settings always give the same weights (no sampling, no
 * random initialisation, features in sorted order). Immutable once trained; thread-safe.
 */
final class LogisticModel {

    /** One feature's share of a score: weight times value. */
    record Contribution(String feature, double value) {
    }

    private final Map<String, Double> weights;
    private final double bias;

    LogisticModel(Map<String, Double> weights, double bias) {
        this.weights = weights;
        this.bias = bias;
    }

    /**
     * Trains on examples (features, label). The vocabulary is every feature present in at least
     * {@code minDocs} examples: a phrase of a single training message is never learned.
     */
    static LogisticModel train(List<Map<String, Double>> examples, boolean[] labels, int minDocs, double l2,
                               int iterations, double learningRate) {
        Map<String, Integer> docs = new TreeMap<>();
        for (Map<String, Double> x : examples) {
            x.keySet().forEach(k -> docs.merge(k, 1, Integer::sum));
        }
        Map<String, Integer> index = new HashMap<>();
        List<String> names = new ArrayList<>();
        docs.forEach((name, count) -> {
            if (count >= minDocs) {
                index.put(name, names.size());
                names.add(name);
            }
        });
        int n = examples.size();
        int[][] cols = new int[n][];
        double[][] vals = new double[n][];
        for (int e = 0; e < n; e++) {
            List<int[]> kept = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            for (Map.Entry<String, Double> entry : new TreeMap<>(examples.get(e)).entrySet()) {
                Integer j = index.get(entry.getKey());
                if (j != null) {
                    kept.add(new int[] {j});
                    values.add(entry.getValue());
                }
            }
            cols[e] = kept.stream().mapToInt(a -> a[0]).toArray();
            vals[e] = values.stream().mapToDouble(Double::doubleValue).toArray();
        }
        double[] w = new double[names.size()];
        double b = 0;
        double[] grad = new double[w.length];
        for (int it = 0; it < iterations; it++) {
            java.util.Arrays.fill(grad, 0);
            double gb = 0;
            for (int e = 0; e < n; e++) {
                double z = b;
                for (int k = 0; k < cols[e].length; k++) {
                    z += w[cols[e][k]] * vals[e][k];
                }
                double err = sigmoid(z) - (labels[e] ? 1 : 0);
                gb += err;
                for (int k = 0; k < cols[e].length; k++) {
                    grad[cols[e][k]] += err * vals[e][k];
                }
            }
            for (int j = 0; j < w.length; j++) {
                w[j] -= learningRate * (grad[j] / n + l2 * w[j]);
            }
            b -= learningRate * gb / n;
        }
        Map<String, Double> weights = new HashMap<>();
        for (int j = 0; j < w.length; j++) {
            if (w[j] != 0) {
                weights.put(names.get(j), w[j]);
            }
        }
        return new LogisticModel(Map.copyOf(weights), b);
    }

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    double probability(Map<String, Double> features) {
        double z = bias;
        for (Map.Entry<String, Double> f : features.entrySet()) {
            z += weights.getOrDefault(f.getKey(), 0.0) * f.getValue();
        }
        return sigmoid(z);
    }

    /** The features that raised the score most, largest first (ties by name). */
    List<Contribution> topRaising(Map<String, Double> features, int limit) {
        List<Contribution> out = new ArrayList<>();
        for (Map.Entry<String, Double> f : features.entrySet()) {
            double c = weights.getOrDefault(f.getKey(), 0.0) * f.getValue();
            if (c > 0) {
                out.add(new Contribution(f.getKey(), c));
            }
        }
        out.sort(Comparator.comparingDouble(Contribution::value).reversed().thenComparing(Contribution::feature));
        return out.subList(0, Math.min(limit, out.size()));
    }

    int size() {
        return weights.size();
    }

    /** The weights, for tests and for comparing two trainings. */
    Map<String, Double> weights() {
        return weights;
    }

    double bias() {
        return bias;
    }
}
