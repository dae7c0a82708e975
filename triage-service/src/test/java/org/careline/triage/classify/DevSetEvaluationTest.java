package org.careline.triage.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.careline.events.Category;
import org.careline.events.Urgency;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Evaluates the shipped pipeline (rules, and the statistical layer that may raise urgency, with its shipped
 * weights: what the service runs) on the labelled dev set (copied from the project's shared triage folder),
 * prints the confusion matrices and the misses, and asserts the quality bar of issue 4. Set the system
 * property {@code triage.eval.set} to a JSONL classpath resource or file to evaluate another set the
 * same way (the held-out set is run like this).
 */
class DevSetEvaluationTest {

    record Labelled(String id, String subject, String body, Urgency urgency, Category category) {
    }

    private static final List<Labelled> SET = new ArrayList<>();
    private static final List<Labelled> PROBE = new ArrayList<>();
    private static final ClinicalRulesClassifier RULES =
            new ClinicalRulesClassifier(TriageRules.fromClasspath("triage-rules.json"));
    private static final RulesWithModelClassifier CLASSIFIER = new RulesWithModelClassifier(RULES,
            TriageModel.fromClasspath("triage-model-weights.json", RULES, ModelSettings.fromClasspath("triage-model.json")));

    @BeforeAll
    static void load() throws IOException {
        SET.addAll(read(System.getProperty("triage.eval.set", "triage/dev-set.jsonl")));
        PROBE.addAll(read("triage/probe-set.jsonl"));
    }

    private static List<Labelled> read(String source) throws IOException {
        List<Labelled> out = new ArrayList<>();
        ObjectMapper mapper = new ObjectMapper();
        InputStream in = DevSetEvaluationTest.class.getClassLoader().getResourceAsStream(source);
        if (in == null) {
            in = new FileInputStream(source);
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = mapper.readTree(line);
                out.add(new Labelled(n.path("id").asText(), n.path("subject").asText(""), n.path("body").asText(""),
                        Urgency.valueOf(n.path("urgency").asText()), Category.valueOf(n.path("category").asText())));
            }
        }
        return out;
    }

    @Test
    void meetsTheQualityBarOnTheLabelledSet() {
        evaluate("labelled set", SET);
    }

    /**
     * Messages the team wrote for a generalization check (not from any labelled set; labels by the team per
     * RUBRIC.md): the same bar, so that rules tuned on the dev set are checked on text they were not written from.
     */
    @Test
    void meetsTheQualityBarOnTheTeamsProbeSet() {
        evaluate("team probe set", PROBE);
    }

    /**
     * Probe rounds 5 to 10 (78 + 60 + 60 + 40 + 90 + 44 messages, labels ours per RUBRIC.md): the README gives each round's
     * first-run figures (before the rules were corrected on it); after the general fixes each meets the bar.
     */
    @ParameterizedTest
    @ValueSource(strings = {"triage/probe-set-5.jsonl", "triage/probe-set-6.jsonl", "triage/probe-set-7.jsonl",
            "triage/probe-set-8.jsonl", "triage/probe-set-9.jsonl", "triage/probe-set-10.jsonl",
            "triage/probe-set-11.jsonl", "triage/probe-set-12.jsonl", "triage/probe-set-13.jsonl",
            "triage/probe-set-14.jsonl", "triage/probe-set-15.jsonl", "triage/probe-set-16.jsonl",
            "triage/probe-set-17.jsonl", "triage/probe-set-18.jsonl",
            "triage/probe-set-19.jsonl", "triage/probe-set-20.jsonl",
            "triage/probe-set-21.jsonl", "triage/probe-set-22.jsonl",
            "triage/probe-set-23.jsonl", "triage/probe-set-24.jsonl"})
    void meetsTheQualityBarOnLaterProbeRounds(String resource) throws IOException {
        evaluate(resource, read(resource));
    }

    /**
     * The held-out rounds 25 to 28 (400 messages, 56 EMERGENT; a realistic mix, emergencies in plain words, a bilingual
     * clinic, medicines and paperwork): written by probe writers who never read the rules, run first with rules 4.1 +
     * model 2.2 (README, "Held-out rounds 25-28") and kept out of the model's training corpus. Rules 4.2
     * fixed the classes they showed, so they are no longer blind; pooled, they must meet the bar.
     */
    @Test
    void meetsTheQualityBarOnTheHeldOutRoundsPooled() throws IOException {
        List<Labelled> pooled = new ArrayList<>();
        for (String round : List.of("triage/probe-set-25.jsonl", "triage/probe-set-26.jsonl", "triage/probe-set-27.jsonl",
                "triage/probe-set-28.jsonl")) {
            pooled.addAll(read(round));
        }
        evaluate("held-out rounds 25-28, pooled", pooled);
    }

    private static void evaluate(String name, List<Labelled> set) {
        int[][] urgency = new int[3][3];
        int[][] category = new int[7][7];
        int[][] rulesUrgency = new int[3][3];
        int[][] rulesCategory = new int[7][7];
        StringBuilder misses = new StringBuilder();
        for (Labelled m : set) {
            Classification r = RULES.classify(new MessageText(m.subject(), m.body(), null));
            rulesUrgency[m.urgency().ordinal()][r.urgency().ordinal()]++;
            rulesCategory[m.category().ordinal()][r.category().ordinal()]++;
            Classification c = CLASSIFIER.classify(new MessageText(m.subject(), m.body(), null));
            urgency[m.urgency().ordinal()][c.urgency().ordinal()]++;
            category[m.category().ordinal()][c.category().ordinal()]++;
            if (c.urgency() != m.urgency() || c.category() != m.category()) {
                misses.append(String.format("  %s expected %s/%s got %s/%s: %s%n", m.id(), m.urgency(), m.category(),
                        c.urgency(), c.category(), c.explanation()));
            }
        }
        int n = set.size();
        int emergentTrue = urgency[0][0];
        int emergentLabelled = urgency[0][0] + urgency[0][1] + urgency[0][2];
        int emergentPredicted = urgency[0][0] + urgency[1][0] + urgency[2][0];
        double recall = emergentTrue / (double) emergentLabelled;
        double precision = emergentPredicted == 0 ? 0 : emergentTrue / (double) emergentPredicted;
        double urgencyAccuracy = diagonal(urgency) / (double) n;
        double categoryAccuracy = diagonal(category) / (double) n;

        System.out.println("Triage evaluation on the " + name + " (" + n + " messages), " + CLASSIFIER.version());
        System.out.println(matrix("urgency", Urgency.values(), urgency));
        System.out.println(matrix("category", Category.values(), category));
        System.out.printf("EMERGENT recall %d/%d = %.3f, precision %d/%d = %.3f; urgency accuracy %.3f; "
                        + "category accuracy %.3f%n", emergentTrue, emergentLabelled, recall, emergentTrue,
                emergentPredicted, precision, urgencyAccuracy, categoryAccuracy);
        System.out.printf("rules alone: EMERGENT recall %.3f, precision %.3f, urgency accuracy %.3f, category accuracy "
                        + "%.3f; the model raised %d message(s)%n", rulesRecall(set), rulesPrecision(set),
                diagonal(rulesUrgency) / (double) n, diagonal(rulesCategory) / (double) n, raised(set));
        System.out.println(matrix("rules alone, urgency", Urgency.values(), rulesUrgency));
        System.out.println(matrix("rules alone, category", Category.values(), rulesCategory));
        System.out.println("Misses (expected vs decided, with the explanation):");
        System.out.print(misses);

        assertTrue(recall >= 0.97, "EMERGENT recall " + recall);
        assertTrue(precision >= 0.80, "EMERGENT precision " + precision);
        assertTrue(urgencyAccuracy >= 0.85, "urgency accuracy " + urgencyAccuracy);
        assertTrue(categoryAccuracy >= 0.85, "category accuracy " + categoryAccuracy);
    }

    private static double rulesRecall(List<Labelled> set) {
        long labelled = set.stream().filter(m -> m.urgency() == Urgency.EMERGENT).count();
        long found = set.stream().filter(m -> m.urgency() == Urgency.EMERGENT && rules(m) == Urgency.EMERGENT).count();
        return found / (double) labelled;
    }

    private static double rulesPrecision(List<Labelled> set) {
        long decided = set.stream().filter(m -> rules(m) == Urgency.EMERGENT).count();
        long right = set.stream().filter(m -> m.urgency() == Urgency.EMERGENT && rules(m) == Urgency.EMERGENT).count();
        return decided == 0 ? 0 : right / (double) decided;
    }

    private static long raised(List<Labelled> set) {
        return set.stream().filter(m -> CLASSIFIER.classify(new MessageText(m.subject(), m.body(), null)).urgency()
                != rules(m)).count();
    }

    private static Urgency rules(Labelled m) {
        return RULES.classify(new MessageText(m.subject(), m.body(), null)).urgency();
    }

    private static int diagonal(int[][] m) {
        int sum = 0;
        for (int i = 0; i < m.length; i++) {
            sum += m[i][i];
        }
        return sum;
    }

    private static String matrix(String title, Enum<?>[] labels, int[][] m) {
        StringBuilder sb = new StringBuilder(String.format("%s (rows: labelled, columns: decided)%n%-15s", title, ""));
        for (Enum<?> l : labels) {
            sb.append(String.format("%13.13s", l.name()));
        }
        sb.append('\n');
        for (int i = 0; i < labels.length; i++) {
            sb.append(String.format("%-15s", labels[i].name()));
            for (int j = 0; j < labels.length; j++) {
                sb.append(String.format("%13d", m[i][j]));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
