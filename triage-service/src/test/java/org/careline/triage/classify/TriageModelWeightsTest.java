package org.careline.triage.classify;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The reproducible trainer of the shipped weights: trains on the corpus named in {@code triage-model.json} with
 * the shipped rules' signals and checks that {@code triage-model-weights.json} is exactly what training gives.
 * After changing the corpus, the rules or the settings, regenerate the file (and raise the model version):
 * {@code ./mvnw -o -f triage-service/pom.xml test -Dtest=TriageModelWeightsTest -Dtriage.model.write=true}.
 */
class TriageModelWeightsTest {

    static final String WEIGHTS = "triage-model-weights.json";

    @Test
    void shippedWeightsAreWhatTrainingGives() throws IOException {
        ClinicalRulesClassifier rules = new ClinicalRulesClassifier(TriageRules.fromClasspath("triage-rules.json"));
        long start = System.nanoTime();
        TriageModel trained = TriageModel.train(rules, ModelSettings.fromClasspath("triage-model.json"));
        System.out.printf("trained %s on %d messages with rules %s in %d ms%n", trained.version(), trained.trainedOn(),
                trained.trainedWithRules(), (System.nanoTime() - start) / 1_000_000);
        String json = trained.toJson();
        if (Boolean.getBoolean("triage.model.write")) {
            Files.writeString(Path.of("src/main/resources", WEIGHTS), json, StandardCharsets.UTF_8);
            System.out.println("wrote src/main/resources/" + WEIGHTS);
            return;
        }
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(WEIGHTS)) {
            assertNotNull(in, WEIGHTS + " is missing: run this test with -Dtriage.model.write=true");
            assertEquals(json, new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    "the shipped weights are not what training gives: regenerate them with -Dtriage.model.write=true");
        }
    }
}
