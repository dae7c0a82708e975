package org.careline.triage.classify;

import org.careline.events.Category;
import org.careline.events.Urgency;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The statistical layer on top of the shipped rules, on messages written for these tests (in no labelled set):
 * deterministic training, only raises, explains itself with the features that raised, leaves look-alikes alone.
 */
class TriageModelTest {

    private static final TriageRules RULES = TriageRules.fromClasspath("triage-rules.json");
    private static final ClinicalRulesClassifier RULES_ONLY = new ClinicalRulesClassifier(RULES);
    private static final ModelSettings SETTINGS = ModelSettings.fromClasspath("triage-model.json");
    private static TriageModel model;
    private static RulesWithModelClassifier classifier;

    @BeforeAll
    static void load() {
        model = TriageModel.fromClasspath("triage-model-weights.json", RULES_ONLY, SETTINGS);
        classifier = new RulesWithModelClassifier(RULES_ONLY, model);
    }

    private static Classification both(String body) {
        return classifier.classify(new MessageText("", body, null));
    }

    /** Same data, same settings: the same weights (the shipped file is checked against a full training too). */
    @Test
    void trainingIsDeterministic() {
        List<LabelledMessage> dev = LabelledMessage.fromClasspath("triage/dev-set.jsonl").subList(0, 90);
        TriageModel once = TriageModel.train(RULES_ONLY, SETTINGS, dev);
        TriageModel again = TriageModel.train(RULES_ONLY, SETTINGS, dev);

        assertEquals(once.toJson(), again.toJson());
        assertEquals(once.emergentModel().weights(), again.emergentModel().weights());
        assertTrue(once.emergentModel().size() > 100, "learned " + once.emergentModel().size() + " weights");
        assertTrue(model.trainedOn() >= 500, "the shipped weights come from the whole corpus: " + model.trainedOn());
        assertEquals(RULES.version(), model.trainedWithRules());
    }

    @Test
    void theVersionNamesRulesAndModel() {
        Classification c = both("can you refill my lisinopril");

        assertEquals(RULES.version() + "+" + SETTINGS.version(), c.rulesVersion());
        assertTrue(c.rulesVersion().length() <= 128);
        assertTrue(c.explanation().startsWith("model " + SETTINGS.version() + ": P(EMERGENT) "), c.explanation());
    }

    /**
     * Over every shipped message: the layer raises, and lowers only a rules EMERGENT by a lowerable flag, in a message
     * with a non-acute frame, to URGENT, saying so (since model 1.7).
     */
    @Test
    void raisesAndLowersOnlyALowerableFramedEmergent() {
        int raised = 0;
        int lowered = 0;
        long rulesNanos = 0;
        long bothNanos = 0;
        for (String set : SETTINGS.corpus()) {
            for (LabelledMessage m : LabelledMessage.fromClasspath(set)) {
                long t0 = System.nanoTime();
                Classification ruled = RULES_ONLY.classify(m.text());
                long t1 = System.nanoTime();
                Classification c = classifier.classify(m.text());
                rulesNanos += t1 - t0;
                bothNanos += System.nanoTime() - t1;
                if (c.urgency().compareTo(ruled.urgency()) > 0) {
                    ClinicalRulesClassifier.Ruled decided = RULES_ONLY.decide(m.text(), false);
                    assertEquals(Urgency.EMERGENT, ruled.urgency(), m.id());
                    assertEquals(Urgency.URGENT, c.urgency(), m.id());
                    assertTrue(decided.flag().mayBeLowered(), m.id() + ": " + c.explanation());
                    assertTrue(model.decidedInFrame(decided, m.text()), m.id());
                    assertTrue(c.explanation().startsWith("URGENT lowered by model " + SETTINGS.version() + ": flag "
                            + decided.flag().id() + " is lowerable"), c.explanation());
                    lowered++;
                } else if (c.urgency() == ruled.urgency()) {
                    assertEquals(ruled.category(), c.category(), m.id());
                } else {
                    raised++;
                }
            }
        }
        System.out.printf("raised on the training corpus: %d, lowered: %d; classification time (cold JVM, shared machine): "
                + "rules %d ms, rules+model %d ms in total%n", raised, lowered, rulesNanos / 1_000_000, bothNanos / 1_000_000);
    }

    @Test
    void aRaiseExplainsItselfWithTheFeaturesThatRaisedIt() {
        // a wording no rule knows (no chest-pain word next to "chest", no flag fires): the model sees the signals
        String body = "my husband keeps saying it feels like a truck parked on his chest and he's soaked in sweat";
        Classification ruled = RULES_ONLY.classify(new MessageText("", body, null));
        Classification c = both(body);

        assertEquals(Urgency.ROUTINE, ruled.urgency(), ruled.explanation());
        assertEquals(Urgency.EMERGENT, c.urgency(), c.explanation());
        assertEquals(Category.CLINICAL, c.category());
        assertTrue(c.explanation().startsWith("EMERGENT raised by model " + SETTINGS.version() + ": P(EMERGENT) "),
                c.explanation());
        assertTrue(c.explanation().contains("near cardiac-equivalent +"), c.explanation());
        assertTrue(c.explanation().matches(".*\\[[^]]*\\+\\d\\.\\d\\d.*\\] -> category CLINICAL; rules: ROUTINE: no flag fired.*"),
                c.explanation());
        assertFalse(c.explanation().contains("truck"), "only the model's vocabulary, never other text");
    }

    /** Since 1.5 a raise to EMERGENT needs both stages; the second never acts on a ROUTINE -> URGENT raise. */
    @Test
    void aRaiseToEmergentNeedsBothStages() {
        Classification routine = new Classification(Urgency.ROUTINE, Category.BILLING, 0.5, "", "");
        Classification urgent = new Classification(Urgency.URGENT, Category.MEDICATION, 0.8, "", "");

        RulesWithModelClassifier.Raise both = RulesWithModelClassifier.raise(urgent, 0.6, 0.9, 0.8, 0.3, 0.8, 0.7);
        assertEquals(Urgency.EMERGENT, both.urgency());
        assertEquals(Category.MEDICATION, both.category());
        assertEquals(null, RulesWithModelClassifier.raise(urgent, 0.6, 0.9, 0.69, 0.3, 0.8, 0.7),
                "an URGENT look-alike: the first stage alone does not raise");
        assertEquals(null, RulesWithModelClassifier.raise(urgent, 0.29, 0.9, 0.99, 0.3, 0.8, 0.7),
                "the second stage alone does not raise");
        RulesWithModelClassifier.Raise toUrgent = RulesWithModelClassifier.raise(routine, 0.6, 0.9, 0.1, 0.3, 0.8, 0.7);
        assertEquals(Urgency.URGENT, toUrgent.urgency(), "ROUTINE -> URGENT does not need the second stage");
        assertEquals(Category.CLINICAL, toUrgent.category());
        assertEquals(null, RulesWithModelClassifier.raise(
                new Classification(Urgency.EMERGENT, Category.CLINICAL, 0.9, "", ""), 0, 0, 0, 0.3, 0.8, 0.7),
                "the rules' EMERGENT is never touched");
    }

    /** Since 1.8 a first stage sure enough alone (the bypass) raises to EMERGENT without the second stage; 0 is off. */
    @Test
    void aSureFirstStageRaisesWithoutTheSecondStageOnlyWhenTheBypassIsOn() {
        Classification routine = new Classification(Urgency.ROUTINE, Category.BILLING, 0.5, "", "");
        Classification urgent = new Classification(Urgency.URGENT, Category.MEDICATION, 0.8, "", "");

        assertEquals(null, RulesWithModelClassifier.raise(urgent, 0.93, 0.99, 0.55, 0.24, 0.86, 0.69, 0),
                "off: the second stage vetoes whatever the first stage says");
        assertEquals(null, RulesWithModelClassifier.raise(urgent, 0.93, 0.99, 0.55, 0.24, 0.86, 0.69),
                "the policy without a bypass is the one turned off");
        RulesWithModelClassifier.Raise alone = RulesWithModelClassifier.raise(urgent, 0.93, 0.99, 0.55, 0.24, 0.86, 0.69,
                0.90);
        assertEquals(Urgency.EMERGENT, alone.urgency());
        assertEquals(Category.MEDICATION, alone.category());
        assertEquals(0.90, alone.threshold());
        assertTrue(alone.withoutSecondStage());
        RulesWithModelClassifier.Raise edge = RulesWithModelClassifier.raise(routine, 0.90, 0.99, 0.0, 0.24, 0.86, 0.69,
                0.90);
        assertEquals(Urgency.EMERGENT, edge.urgency(), "the bypass threshold itself raises");
        assertEquals(Category.CLINICAL, edge.category());
        assertTrue(edge.withoutSecondStage());
        RulesWithModelClassifier.Raise below = RulesWithModelClassifier.raise(routine, 0.89, 0.99, 0.0, 0.24, 0.86, 0.69,
                0.90);
        assertEquals(Urgency.URGENT, below.urgency(), "just below the bypass: ROUTINE -> URGENT as before");
        assertFalse(below.withoutSecondStage());
        assertEquals(null, RulesWithModelClassifier.raise(urgent, 0.89, 0.99, 0.55, 0.24, 0.86, 0.69, 0.90),
                "just below the bypass the second stage still vetoes");
        RulesWithModelClassifier.Raise agreed = RulesWithModelClassifier.raise(urgent, 0.95, 0.99, 0.80, 0.24, 0.86, 0.69,
                0.90);
        assertFalse(agreed.withoutSecondStage(), "both stages agree: an ordinary raise");
        assertEquals(0.24, agreed.threshold());
        assertEquals(null, RulesWithModelClassifier.raise(
                new Classification(Urgency.EMERGENT, Category.CLINICAL, 0.9, "", ""), 1, 1, 0, 0.24, 0.86, 0.69, 0.90),
                "the rules' EMERGENT is never touched");
    }

    /**
     * The bypass, on the shipped weights: a corpus message the second stage vetoes is raised, and says so plainly. The
     * shipped weights fit their corpus, so the second stage is made strict (0.999) to have a veto to bypass, and the
     * ROUTINE -> URGENT raise is off (below the bypass the rules' decision stays).
     */
    @Test
    void aRaiseWithoutTheSecondStageSaysSo() {
        ModelSettings strict = SETTINGS.withThresholds(SETTINGS.emergentThreshold(), 2, 0.999); // and no URGENT raise
        LabelledMessage vetoed = null;
        TriageModel.Assessment assessed = null;
        for (String set : SETTINGS.corpus()) {
            for (LabelledMessage m : LabelledMessage.fromClasspath(set)) {
                Urgency ruled = RULES_ONLY.classify(m.text()).urgency();
                if (ruled == Urgency.EMERGENT) {
                    continue;
                }
                TriageModel.Assessment a = model.assess(m.text(), ruled);
                if (a.emergent() >= SETTINGS.emergentThreshold() + 0.02 && a.emergent() < 0.98
                        && a.emergentAmongUrgent() < strict.emergentVsUrgentThreshold()
                        && (assessed == null || a.emergent() > assessed.emergent())) {
                    vetoed = m;
                    assessed = a;
                }
            }
        }
        assertTrue(vetoed != null, "a corpus message the second stage vetoes");
        double at = Math.floor(assessed.emergent() * 100) / 100;
        RulesWithModelClassifier on = new RulesWithModelClassifier(RULES_ONLY, TriageModel.fromClasspath(
                "triage-model-weights.json", RULES_ONLY, strict.withEmergentAloneThreshold(at).checked()));
        Classification c = on.classify(vetoed.text());
        assertEquals(Urgency.EMERGENT, c.urgency(), c.explanation());
        assertTrue(c.explanation().startsWith(String.format(java.util.Locale.ROOT,
                "EMERGENT raised by model %s: P(EMERGENT) %.2f >= %.2f: raised without the second stage (EMERGENT-vs-URGENT",
                SETTINGS.version(), assessed.emergent(), at)), c.explanation());

        RulesWithModelClassifier above = new RulesWithModelClassifier(RULES_ONLY, TriageModel.fromClasspath(
                "triage-model-weights.json", RULES_ONLY, strict.withEmergentAloneThreshold(at + 0.01).checked()));
        Classification notRaised = above.classify(vetoed.text());
        assertEquals(RULES_ONLY.classify(vetoed.text()).urgency(), notRaised.urgency(), notRaised.explanation());
        assertTrue(notRaised.explanation().contains(String.format(java.util.Locale.ROOT,
                " and P(EMERGENT) < %.2f to raise without it, not raised; ", at + 0.01)), notRaised.explanation());
        Classification off = new RulesWithModelClassifier(RULES_ONLY, TriageModel.fromClasspath(
                "triage-model-weights.json", RULES_ONLY, strict.withEmergentAloneThreshold(0))).classify(vetoed.text());
        assertEquals(RULES_ONLY.classify(vetoed.text()).urgency(), off.urgency(), "off: the second stage has its say");
        assertFalse(off.explanation().contains("without"), off.explanation());
    }

    /** The bypass is 0 (off) or above the EMERGENT threshold and below 1. */
    @ParameterizedTest
    @ValueSource(doubles = {-0.1, 0.1, 0.24, 1.0, 1.5})
    void anInvalidBypassIsRefused(double alone) {
        ModelSettings settings = SETTINGS.withThresholds(0.24, 0.86).withEmergentAloneThreshold(alone);
        assertThrows(IllegalStateException.class, settings::checked);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, 0.25, 0.90, 0.99})
    void aValidBypassIsAccepted(double alone) {
        assertEquals(alone, SETTINGS.withThresholds(0.24, 0.86).withEmergentAloneThreshold(alone).checked()
                .emergentAloneThreshold());
    }

    private static TriageRules.Flag flag(String id) {
        return RULES.flags().stream().filter(f -> f.id().equals(id)).findFirst().orElseThrow();
    }

    /** Since 1.7: a rules EMERGENT is lowered only by a lowerable flag, in a non-acute frame, with a sure second stage. */
    @Test
    void aRulesEmergentIsLoweredOnlyWhenLowerableFramedAndSure() {
        TriageRules.Flag chestPain = flag("chest-pain");

        assertTrue(RulesWithModelClassifier.lowers(chestPain, true, 0.10, 0.30));
        assertFalse(RulesWithModelClassifier.lowers(chestPain, false, 0.10, 0.30), "no non-acute frame");
        assertFalse(RulesWithModelClassifier.lowers(chestPain, true, 0.30, 0.30), "the model finds an emergency");
        assertFalse(RulesWithModelClassifier.lowers(chestPain, true, 0.0, 0), "lowering off");
        assertFalse(RulesWithModelClassifier.lowers(flag("overdose-or-poisoning"), true, 0.0, 0.99),
                "an unconditional class");
        assertFalse(RulesWithModelClassifier.lowers(null, true, 0.0, 0.99), "no flag: no rules EMERGENT");
    }

    /** The classes the rubric calls EMERGENT whatever the context are never lowerable in the shipped rules. */
    @ParameterizedTest
    @ValueSource(strings = {"overdose-or-poisoning", "overdose-suspected", "dangerous-double-dose", "young-child-ingestion",
            "opioid-or-sedative-toxicity", "suicide-intent-or-plan", "suicide-warning-signs", "means-with-despair",
            "intent-to-take-all-pills", "violent-intent", "self-harm-act", "intent-with-means-and-time",
            "young-infant-fever", "infant-danger-signs", "pregnancy-red-flags", "pregnancy-severe-bp",
            "child-household-toxic-ingestion", "head-injury-on-anticoagulant"})
    void unconditionalClassesAreNeverLowerable(String id) {
        assertFalse(flag(id).mayBeLowered(), id);
    }

    @Test
    void onlyAnEmergentFlagMayBeLowerable() throws Exception {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var doc = mapper.readTree(RULES.toJson());
        for (var flag : doc.get("flags")) {
            if (flag.get("urgency").asText().equals("URGENT")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) flag).put("lowerable", true);
                break;
            }
        }
        String urgentLowerable = mapper.writeValueAsString(doc);
        InvalidRulesException e = assertThrows(InvalidRulesException.class, () -> TriageRules.parse(urgentLowerable));
        assertTrue(e.getMessage().contains("is lowerable but not EMERGENT"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            true  | question about the ambulance bill from march
            true  | can you fill out my FMLA form for work
            true  | I signed up for a CPR class at the library
            true  | they checked him and sent him home fine
            false | crushing chest pain and sweating for 20 minutes
            false | there is no bill yet, I just want my results
            """)
    void aNonAcuteFrameIsFound(boolean framed, String body) {
        assertEquals(framed, model.framed(new MessageText("", body, null)), body);
    }

    /**
     * Since 1.7: a history-prone flag that counted only inside a bill or a claim, where the model finds no emergency, is
     * lowered to URGENT with the category the rules give below EMERGENT, and the explanation says so.
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "please resend the itemized statement for the ambulance ride when my chest pain started, insurance lost it",
            "the claim for my coughing up blood visit was denied, please resubmit"})
    void aLowerableFlagInsideABillIsLoweredToUrgent(String body) {
        Classification ruled = RULES_ONLY.classify(new MessageText("", body, null));
        Classification c = both(body);

        assertEquals(Urgency.EMERGENT, ruled.urgency(), ruled.explanation());
        assertEquals(Urgency.URGENT, c.urgency(), c.explanation());
        assertEquals(Category.BILLING, c.category(), c.explanation());
        assertTrue(c.explanation().startsWith("URGENT lowered by model " + SETTINGS.version() + ": flag "), c.explanation());
        assertTrue(c.explanation().contains("is lowerable and counted only in a non-acute frame, P(EMERGENT) "),
                c.explanation());
    }

    /** The unconditional classes stay EMERGENT inside a bill or a claim: their flags are not lowerable. */
    @ParameterizedTest
    @ValueSource(strings = {
            "the claim for my son's overdose visit was denied, please resubmit",
            "please resend the itemized statement, my 5 week old has a fever of 100.8"})
    void anUnconditionalClassInsideABillStaysEmergent(String body) {
        Classification c = both(body);

        assertEquals(Urgency.EMERGENT, c.urgency(), c.explanation());
        assertFalse(c.explanation().contains("lowered"), c.explanation());
    }

    /** An emergency told next to a bill, a form or a note request, in a clause of its own, stays EMERGENT. */
    @ParameterizedTest
    @ValueSource(strings = {
            "Question about my statement. Also since lunch my face is drooping on one side and my words come out wrong.",
            "need a work note, I passed out at my desk an hour ago and now my chest is crushing and I'm sweating buckets",
            "the school form is due friday but right now my son can't breathe, his lips are blue",
            "about the bill: I am coughing up blood right now and it won't stop",
            "at my CPR class right now and I have crushing chest pain and I'm sweating",
            // in a framed clause, but told as an event: the model finds an emergency, so it is not lowered
            "we were watching a documentary when his face started drooping and his speech went slurred"})
    void anEmergencyInANonAcuteFrameStaysEmergent(String body) {
        Classification c = both(body);

        assertEquals(Urgency.EMERGENT, c.urgency(), c.explanation());
        assertFalse(c.explanation().contains("lowered by model"), c.explanation());
    }

    @Test
    void rulesEmergenciesStayTheRules() {
        Classification c = both("crushing chest pain and sweating for 20 minutes");

        assertEquals(Urgency.EMERGENT, c.urgency());
        assertTrue(c.explanation().startsWith("EMERGENT by flag"), c.explanation());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "got poison ivy on both arms from the yard, itchy but fine, can I get a cream",
            "what a stroke of luck, the pharmacy had my inhaler in stock after all",
            "this bill is killing me, can I get a payment plan",
            "I'm dying to know my cholesterol results",
            "my dad had a stroke in 2019, can he get the flu shot this week",
            "no chest pain, no shortness of breath, just want my refill of atorvastatin",
            "what should I do if I ever get chest pain on the new medicine",
            "I won't be around next week, traveling, please move my appointment",
            "it took 20 minutes to get through on the phone, can I book a physical online",
            "heart-shaped rash on my elbow, not itchy, been there a month",
            "scared I might have a stroke someday with my blood pressure, how do I lower the risk"})
    void lookAlikesStayNonEmergent(String body) {
        Classification c = both(body);

        assertNotEquals(Urgency.EMERGENT, c.urgency(), c.explanation());
        assertFalse(c.explanation().contains("raised by model"), c.explanation());
    }

    @Test
    void negatedAndHistoricalWordsGiveNoFeatures() {
        ModelFeatures features = new ModelFeatures(RULES_ONLY, SETTINGS.charWeight());

        var negated = features.of(new MessageText("", "no chest pain today", null), Urgency.ROUTINE);
        var historical = features.of(new MessageText("", "my chest pain was in 2019", null), Urgency.ROUTINE);
        var present = features.of(new MessageText("", "chest pain today", null), Urgency.ROUTINE);

        assertFalse(negated.containsKey("w:chest"), negated.keySet().toString());
        assertFalse(historical.containsKey("w:chest"), historical.keySet().toString());
        assertTrue(present.containsKey("w:chest"));
        assertTrue(present.containsKey("b:chest pain"));
        assertTrue(present.keySet().stream().anyMatch(k -> k.startsWith("c:")));
    }

    /** A newly published rules version: the same weights read its signals, and decisions name both versions. */
    @Test
    void theModelFollowsNewlyActivatedRules() {
        ClinicalRulesClassifier other = new ClinicalRulesClassifier(
                TriageRules.fromClasspath("triage/first-run-rules/round-8.json"));

        assertThrows(IllegalArgumentException.class, () -> new RulesWithModelClassifier(other, model));
        RulesWithModelClassifier moved = new RulesWithModelClassifier(other, model.readingRules(other));
        assertEquals(other.rulesVersion() + "+" + SETTINGS.version(),
                moved.classify(new MessageText("", "refill please", null)).rulesVersion());
    }
}
