package org.careline.triage.classify;

import org.careline.events.Category;
import org.careline.events.MessageTopic;
import org.careline.events.Urgency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rule-based classifier with the shipped rules file; plain JUnit, no Quarkus. */
class RuleBasedClassifierTest {

    private static final TriageRules RULES = TriageRules.fromClasspath("triage-rules-v1.json");
    private final Classifier classifier = new RuleBasedClassifier(RULES);

    private Classification classify(MessageTopic topic, String body) {
        return classifier.classify(new MessageText("question", body, topic));
    }

    @Test
    void aRedFlagMakesTheMessageEmergentAndSaysWhichPhraseFired() {
        Classification c = classify(MessageTopic.OTHER, "I have had chest pain since lunch and I'm sweating");

        assertEquals(Urgency.EMERGENT, c.urgency());
        assertEquals(Category.CLINICAL, c.category());
        assertTrue(c.explanation().contains("red flag chest-pain (\"chest pain\")"), c.explanation());
        assertEquals("triage-rules-v1", c.rulesVersion());
        assertEquals(RULES.confidence().redFlag(), c.confidence());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "No chest pain, just need a refill of my lisinopril",
            "she denies chest pain. please refill her lisinopril",
            "I don't have chest pain anymore, can you refill my lisinopril",
            "refill my lisinopril please, without any chest pain lately"})
    void aNegatedRedFlagDoesNotFire(String body) {
        Classification c = classify(MessageTopic.MEDICATION, body);

        assertEquals(Urgency.ROUTINE, c.urgency());
        assertEquals(Category.MEDICATION, c.category());
        assertTrue(c.explanation().contains("negated: chest-pain"), c.explanation());
    }

    @Test
    void negationDoesNotReachPastAClauseBreak() {
        assertEquals(Urgency.EMERGENT, classify(MessageTopic.OTHER, "no fever but chest pain since this morning").urgency());
        assertEquals(Urgency.EMERGENT, classify(MessageTopic.OTHER, "No. Chest pain again tonight").urgency());
    }

    @Test
    void negationOnlyLooksAFewWordsBack() {
        Classification c = classify(MessageTopic.OTHER, "I did not sleep well and now chest pain");

        assertEquals(Urgency.EMERGENT, c.urgency());
    }

    @Test
    void theMostSevereItemAnywhereSetsTheUrgencyWhateverTheTopic() {
        Classification c = classify(MessageTopic.MEDICATION,
                "Please refill my metformin. Also my face is drooping on one side and my speech is slurred.");

        assertEquals(Urgency.EMERGENT, c.urgency());
        assertEquals(Category.CLINICAL, c.category());
        assertTrue(c.explanation().contains("stroke-signs"), c.explanation());
    }

    @Test
    void anOverdoseIsEmergentMedication() {
        Classification c = classify(MessageTopic.OTHER, "my son swallowed some pills from my purse");

        assertEquals(Urgency.EMERGENT, c.urgency());
        assertEquals(Category.MEDICATION, c.category());
    }

    @Test
    void anUrgentFlagTakesTheCategoryOfTheProblem() {
        Classification c = classify(MessageTopic.APPOINTMENT, "I ran out of insulin this morning, can I come in?");

        assertEquals(Urgency.URGENT, c.urgency());
        assertEquals(Category.MEDICATION, c.category());
    }

    @Test
    void aFlagWithACompanionFiresOnlyWithIt() {
        assertEquals(Urgency.ROUTINE, classify(MessageTopic.CLINICAL_QUESTION,
                "I slept badly and woke up with a stiff neck").urgency());
        Classification withFever = classify(MessageTopic.CLINICAL_QUESTION,
                "He has a stiff neck and a high temperature");
        assertEquals(Urgency.EMERGENT, withFever.urgency());
        assertTrue(withFever.explanation().contains("with \"temperature\""), withFever.explanation());
    }

    @ParameterizedTest
    @CsvSource({
            "MEDICATION, MEDICATION",
            "APPOINTMENT, APPOINTMENT",
            "TEST_RESULTS, TEST_RESULTS",
            "CLINICAL_QUESTION, CLINICAL",
            "BILLING, BILLING",
            "PAPERWORK, ADMINISTRATIVE",
            "OTHER, OTHER"})
    void withoutKeywordsThePatientsTopicIsTheCategory(MessageTopic topic, Category expected) {
        Classification c = classify(topic, "Could somebody get back to me about this?");

        assertEquals(Urgency.ROUTINE, c.urgency());
        assertEquals(expected, c.category());
        assertEquals(RULES.confidence().topicOnly(), c.confidence());
        assertTrue(c.explanation().contains("patient topic " + topic), c.explanation());
    }

    @Test
    void keywordsOutweighAMismatchedTopic() {
        Classification c = classify(MessageTopic.BILLING, "please send a refill of my pills to the pharmacy");

        assertEquals(Category.MEDICATION, c.category());
        assertEquals(RULES.confidence().keywords(), c.confidence());
    }

    @Test
    void theTopicBreaksATie() {
        Classification c = classify(MessageTopic.APPOINTMENT, "about my lab results and my appointment");

        assertEquals(Category.APPOINTMENT, c.category());
        assertEquals(RULES.confidence().keywordsAndTopic(), c.confidence());
    }

    @Test
    void nothingToGoOnIsRoutineOther() {
        Classification c = classifier.classify(new MessageText(null, "hello?", null));

        assertEquals(Urgency.ROUTINE, c.urgency());
        assertEquals(Category.OTHER, c.category());
        assertEquals(RULES.confidence().fallback(), c.confidence());
    }

    @Test
    void theExplanationNeverQuotesTheMessage() {
        Classification c = classify(MessageTopic.MEDICATION,
                "Zanzibar quartz: no chest pain, refill my xylophonazole tablets at Quixote pharmacy");

        String explanation = c.explanation().toLowerCase();
        assertFalse(explanation.contains("zanzibar"), explanation);
        assertFalse(explanation.contains("xylophonazole"), explanation);
        assertFalse(explanation.contains("quixote"), explanation);
        assertFalse(c.toString().toLowerCase().contains("zanzibar"));
    }

    @Test
    void inconsistentRulesAreRefused() {
        TriageRules broken = new TriageRules(" ", RULES.negationCues(), 3, RULES.clauseBreaks(), RULES.redFlags(),
                RULES.categoryKeywords(), RULES.topicHints(), 1, RULES.confidence());

        assertThrows(IllegalStateException.class, () -> new RuleBasedClassifier(broken));
        assertThrows(IllegalStateException.class, () -> TriageRules.fromClasspath("no-such-rules.json"));
    }
}
