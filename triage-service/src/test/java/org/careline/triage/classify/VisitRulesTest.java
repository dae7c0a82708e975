package org.careline.triage.classify;

import org.careline.events.Category;
import org.careline.events.Urgency;
import org.careline.events.VisitReason;
import org.careline.events.VisitType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped visit rules, one firing and one non-firing message per rule; plain JUnit, no Quarkus. */
class VisitRulesTest {

    private static final TriageRules RULES = TriageRules.fromClasspath("triage-rules.json");
    private static final ClinicalRulesClassifier CLASSIFIER = new ClinicalRulesClassifier(RULES);
    private static final VisitRules VISITS = new VisitRules(CLASSIFIER);

    private static Optional<VisitRecommendation> recommend(String body) {
        MessageText text = new MessageText("question", body, null);
        return VISITS.recommend(text, CLASSIFIER.classify(text));
    }

    @ParameterizedTest(name = "{0}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            urgent-same-day-visit        | IN_PERSON | TRIAGE_URGENCY    | it burns when I pee and I keep needing to go, started yesterday
            rash-or-wound-needs-a-look   | IN_PERSON | NEEDS_EXAMINATION | I have a rash on my arm that I would like someone to look at
            rash-or-wound-needs-a-look   | IN_PERSON | NEEDS_EXAMINATION | can you check the mole on my back, I think it is getting bigger
            patient-asks-for-video-visit | VIDEO     | PATIENT_REQUEST   | my knee still aches after the fall, could we do a video visit this week?
            patient-asks-to-be-seen      | IN_PERSON | PATIENT_REQUEST   | my knee still aches after the fall, I think I need to come in
            patient-asks-to-be-seen      | IN_PERSON | PATIENT_REQUEST   | me duele la rodilla desde hace una semana, puedo ver al doctor esta semana
            """)
    void eachVisitRuleFires(String ruleId, VisitType type, VisitReason reason, String body) {
        VisitRecommendation visit = recommend(body).orElseThrow(() -> new AssertionError("no visit rule fired: "
                + CLASSIFIER.classify(new MessageText("question", body, null))));

        assertEquals(ruleId, visit.ruleId());
        assertEquals(type, visit.visitType());
        assertEquals(reason, visit.reason());
        assertTrue(visit.explanation().contains("visit rule " + ruleId), visit.explanation());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            negated        | the antibiotics worked, no burning when I pee any more, no infection signs, thanks
            hypothetical   | what should I do if my son's rash spreads and needs someone to look at it?
            historical     | last year you looked at a rash on my arm and it went away, can I get my records?
            negated        | my knee is much better, I don't need to come in for the follow up
            hypothetical   | if the cough lasts into next week should I come in?
            negated        | no need for a video visit, the refill is all I wanted
            """)
    void negatedHypotheticalOrHistoricalMentionsDoNotFire(String context, String body) {
        assertEquals(Optional.empty(), recommend(body), context);
    }

    @Test
    void anEmergentMessageNeverGetsAVisitOnlyThe911Reply() {
        MessageText text = new MessageText("help", "crushing chest pain right now, can I come in to be seen?", null);
        Classification decided = CLASSIFIER.classify(text);

        assertEquals(Urgency.EMERGENT, decided.urgency(), decided.explanation());
        assertFalse(VISITS.recommend(text, decided).isPresent());
    }

    @Test
    void conditionsOnUrgencyAndCategoryAreHonoured() {
        MessageText text = new MessageText("uti", "it burns when I pee and I keep needing to go", null);
        Classification urgent = new Classification(Urgency.URGENT, Category.CLINICAL, 0.8, "test", RULES.version());
        Classification routineBilling = new Classification(Urgency.ROUTINE, Category.BILLING, 0.8, "test",
                RULES.version());

        assertEquals("urgent-same-day-visit", VISITS.recommend(text, urgent).orElseThrow().ruleId());
        assertFalse(VISITS.recommend(text, routineBilling).isPresent(),
                "the same-day rule asks for URGENT CLINICAL; no other rule matches the text");
    }

    @Test
    void rulesWithoutAVisitSectionRecommendNothing() {
        String json = RULES.toJson().replaceFirst(",\"visits\":\\[.*]}$", "}");
        TriageRules none = TriageRules.parse(json);
        ClinicalRulesClassifier classifier = new ClinicalRulesClassifier(none);
        MessageText text = new MessageText("question", "I need to come in", null);

        assertEquals(null, none.visits());
        assertFalse(new VisitRules(classifier).recommend(text, classifier.classify(text)).isPresent());
    }

    @Test
    void aVisitRuleForEmergentOrWithoutCodesIsRefused() {
        String emergent = RULES.toJson().replace("\"urgencies\":[\"URGENT\"]", "\"urgencies\":[\"EMERGENT\"]");
        String noType = RULES.toJson().replaceFirst("\"visitType\":\"VIDEO\",", "");

        InvalidRulesException e = assertThrows(InvalidRulesException.class, () -> TriageRules.parse(emergent));
        assertTrue(e.problems().toString().contains("cannot apply to EMERGENT"), e.problems().toString());
        InvalidRulesException f = assertThrows(InvalidRulesException.class, () -> TriageRules.parse(noType));
        assertTrue(f.problems().toString().contains("needs phrases, a visitType and a reason"), f.problems().toString());
    }
}
