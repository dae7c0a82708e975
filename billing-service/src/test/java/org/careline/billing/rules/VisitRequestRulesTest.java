package org.careline.billing.rules;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Message to visit and the 7-day rule, with fixed instants (America/New_York): a visit requested during the
 * window holds the episode until an E/M visit follows within 7 days of the request (the time rolls into it) or
 * those 7 days pass (the e-visit stands).
 */
class VisitRequestRulesTest {

    /** Monday 2 March 2026, 15:00 in New York: the first review. */
    private static final Instant START = Instant.parse("2026-03-02T20:00:00Z");
    /** Wednesday 4 March, 10:00 in New York: the visit request (day 3). */
    private static final Instant REQUESTED = Instant.parse("2026-03-04T15:00:00Z");
    /** The request's look-ahead ends at local midnight starting 11 March (EDT from 8 March: UTC-4). */
    private static final Instant HOLD_END = Instant.parse("2026-03-11T04:00:00Z");
    private static final ConsentFact CONSENT = new ConsentFact(Instant.parse("2026-01-10T15:00:00Z"), "v1");

    private final EpisodeRules rules = new EpisodeRules(RulePolicy.defaults());

    @Test
    void aPendingRequestHoldsTheChargeWithItsCodeUntilTheLookAheadEnds() {
        EpisodeFacts facts = facts(List.of(), List.of(new VisitRequestFact("vr-1", REQUESTED)));

        assertEquals(HOLD_END, rules.visitHoldUntil(facts));
        Decision held = rules.decide(facts, HOLD_END.minusNanos(1000));
        assertEquals(Outcome.HELD, held.outcome());
        assertEquals(Reason.VISIT_REQUESTED, held.reason());
        assertEquals("99422", held.code());
        assertFalse(step(held, "hold.requested-visit").passed());

        Decision released = rules.decide(facts, HOLD_END);
        assertEquals(Outcome.BILLABLE, released.outcome());
        assertNull(released.reason());
        assertTrue(step(released, "hold.requested-visit").passed());
    }

    @Test
    void anEmVisitWithinSevenDaysOfTheRequestTakesTheTimeEvenAfterTheWindow() {
        // day 9 from the first review (outside exclusion.next-em), day 6 after the request
        EncounterFact visit = new EncounterFact("e-1", LocalDate.of(2026, 3, 10), EncounterKind.EM_TELEHEALTH_VISIT, null);
        EpisodeFacts facts = facts(List.of(visit), List.of(new VisitRequestFact("vr-1", REQUESTED)));

        Decision d = rules.decide(facts, HOLD_END.minusSeconds(3600));
        assertEquals(Outcome.NOT_BILLABLE, d.outcome());
        assertEquals(Reason.EM_VISIT_NEXT_7_DAYS, d.reason());
        assertTrue(step(d, "exclusion.next-em").passed());
        assertFalse(step(d, "exclusion.requested-visit").passed());
        assertNull(rules.visitHoldUntil(facts));
    }

    @Test
    void aVisitSevenDaysAfterTheRequestOrANonEmServiceDoesNotTakeTheTime() {
        EncounterFact late = new EncounterFact("e-1", LocalDate.of(2026, 3, 11), EncounterKind.EM_OFFICE_VISIT, null);
        EncounterFact lab = new EncounterFact("e-2", LocalDate.of(2026, 3, 5), EncounterKind.OTHER, null);
        Decision d = rules.decide(facts(List.of(late, lab), List.of(new VisitRequestFact("vr-1", REQUESTED))), HOLD_END);

        assertEquals(Outcome.BILLABLE, d.outcome());
        assertEquals("99422", d.code());
    }

    @Test
    void requestsOutsideTheWindowAreIgnoredAndLeaveTheTraceAsBefore() {
        Instant before = START.minusSeconds(60);
        Instant after = rules.windowEnd(START);
        EpisodeFacts facts = facts(List.of(), List.of(new VisitRequestFact("vr-0", before),
                new VisitRequestFact("vr-9", after)));

        Decision d = rules.decide(facts, START.plusSeconds(3600));
        assertEquals(Outcome.BILLABLE, d.outcome());
        assertNull(rules.visitHoldUntil(facts));
        assertTrue(d.trace().stream().noneMatch(s -> s.rule().contains("requested-visit")));
    }

    @Test
    void theHoldComesBeforeTheConsentHoldAndAfterTheTimeMinimum() {
        List<VisitRequestFact> requested = List.of(new VisitRequestFact("vr-1", REQUESTED));
        EpisodeFacts noConsent = new EpisodeFacts(START, rules.windowEnd(START), true, true, List.of(entry(12)),
                List.of(), List.of(), requested);
        assertEquals(Reason.VISIT_REQUESTED, rules.decide(noConsent, REQUESTED).reason());
        assertEquals(Reason.CONSENT_MISSING, rules.decide(noConsent, HOLD_END).reason());

        EpisodeFacts under = new EpisodeFacts(START, rules.windowEnd(START), true, true, List.of(entry(3)),
                List.of(), List.of(CONSENT), requested);
        assertEquals(Reason.UNDER_5_MINUTES, rules.decide(under, REQUESTED).reason());
    }

    private EpisodeFacts facts(List<EncounterFact> encounters, List<VisitRequestFact> requests) {
        return new EpisodeFacts(START, rules.windowEnd(START), true, true, List.of(entry(12)), encounters,
                List.of(CONSENT), requests);
    }

    private static TimeEntry entry(int minutes) {
        return new TimeEntry("m-1", "t-1", "u-md", "CLINICIAN", "MD", minutes, true, true, START);
    }

    private static TraceStep step(Decision d, String rule) {
        return d.trace().stream().filter(s -> s.rule().equals(rule)).findFirst().orElseThrow();
    }
}
