package org.careline.billing.rules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The e-visit rules, table-driven, with a fixed clock. Times are in the practice's zone, America/New_York. */
class EpisodeRulesTest {

    private static final ZoneId NY = ZoneId.of("America/New_York");
    /** Monday 2 March 2026, 15:00 in New York (EST, UTC-5): the first review. */
    private static final Instant START = Instant.parse("2026-03-02T20:00:00Z");
    private static final LocalDate DAY1 = LocalDate.of(2026, 3, 2);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-20T12:00:00Z"), ZoneOffset.UTC);
    private static final ConsentFact CONSENT = new ConsentFact(Instant.parse("2026-01-10T15:00:00Z"), "v1");

    private final EpisodeRules rules = new EpisodeRules(RulePolicy.defaults());

    // --- time bands -------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} min of {1} -> {2}")
    @CsvSource(nullValues = "-", value = {
            "4,  MD, -,     UNDER_5_MINUTES",
            "5,  MD, 99421, -",
            "10, MD, 99421, -",
            "11, MD, 99422, -",
            "20, MD, 99422, -",
            "21, MD, 99423, -",
            "90, DO, 99423, -",
            "4,  PT, -,     UNDER_5_MINUTES",
            "5,  PT, 98970, -",
            "10, PT, 98970, -",
            "11, SLP, 98971, -",
            "20, LCSW, 98971, -",
            "21, RD, 98972, -"})
    void everyBandBoundary(int minutes, String credential, String code, Reason reason) {
        Decision d = decide(facts(List.of(md(credential, "m-1", START, minutes, true))));

        assertEquals(code, d.code());
        assertEquals(reason, d.reason());
        assertEquals(code != null ? Outcome.BILLABLE : Outcome.NOT_BILLABLE, d.outcome());
        assertEquals(minutes, d.minutes());
    }

    // --- exclusions, each alone on an otherwise billable 12-minute episode ---------------------------------

    static Stream<Arguments> exclusions() {
        TimeEntry twelve = md("MD", "m-1", START, 12, true);
        EpisodeFacts ok = facts(List.of(twelve));
        return Stream.of(
                Arguments.of("E/M office visit 7 days before", with(ok, em(DAY1.minusDays(7))), Reason.RELATED_EM_PREVIOUS_7_DAYS),
                Arguments.of("E/M visit the day before", with(ok, em(DAY1.minusDays(1))), Reason.RELATED_EM_PREVIOUS_7_DAYS),
                Arguments.of("E/M telehealth visit on day 1", with(ok, new EncounterFact("e-1", DAY1,
                        EncounterKind.EM_TELEHEALTH_VISIT, null)), Reason.EM_VISIT_NEXT_7_DAYS),
                Arguments.of("E/M visit on day 7", with(ok, em(DAY1.plusDays(6))), Reason.EM_VISIT_NEXT_7_DAYS),
                Arguments.of("inside a 90-day global period", with(ok, new EncounterFact("e-1", DAY1.minusDays(30),
                        EncounterKind.PROCEDURE, DAY1.plusDays(60))), Reason.SURGICAL_GLOBAL_PERIOD),
                Arguments.of("global period ends on day 1", with(ok, new EncounterFact("e-1", DAY1.minusDays(10),
                        EncounterKind.PROCEDURE, DAY1)), Reason.SURGICAL_GLOBAL_PERIOD),
                Arguments.of("refill and results only", facts(List.of(md("MD", "m-1", START, 12, false))),
                        Reason.NON_EM_CONTENT_ONLY),
                Arguments.of("not established", new EpisodeFacts(START, end(), true, false, ok.entries(), List.of(),
                        List.of(CONSENT)), Reason.NOT_ESTABLISHED_PATIENT),
                Arguments.of("status never reported", new EpisodeFacts(START, end(), true, null, ok.entries(), List.of(),
                        List.of(CONSENT)), Reason.NOT_ESTABLISHED_PATIENT),
                Arguments.of("care team started it", new EpisodeFacts(START, end(), false, true,
                        List.of(new TimeEntry("m-1", "t-1", "u-md", "CLINICIAN", "MD", 12, true, false, START)),
                        List.of(), List.of(CONSENT)), Reason.NOT_PATIENT_INITIATED),
                Arguments.of("no consent: held", new EpisodeFacts(START, end(), true, true, ok.entries(), List.of(),
                        List.of()), Reason.CONSENT_MISSING),
                Arguments.of("consent older than a year: held", new EpisodeFacts(START, end(), true, true, ok.entries(),
                        List.of(), List.of(new ConsentFact(Instant.parse("2025-03-01T12:00:00Z"), "v1"))),
                        Reason.CONSENT_MISSING));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("exclusions")
    void eachExclusion(String name, EpisodeFacts facts, Reason expected) {
        Decision d = decide(facts);

        assertEquals(expected, d.reason());
        if (expected == Reason.CONSENT_MISSING) {
            assertEquals(Outcome.HELD, d.outcome());
            assertEquals("99422", d.code(), "a held charge keeps its code");
        } else {
            assertEquals(Outcome.NOT_BILLABLE, d.outcome());
            assertNull(d.code());
        }
        assertTrue(d.trace().stream().anyMatch(s -> !s.passed()), "the trace shows the failed rule");
    }

    @Test
    void encountersOutsideTheLookBackAndLookAheadDoNotBar() {
        EpisodeFacts facts = facts(List.of(md("MD", "m-1", START, 12, true)));
        Decision d = decide(with(with(with(facts, em(DAY1.minusDays(8))), em(DAY1.plusDays(7))),
                new EncounterFact("e-2", DAY1.minusDays(100), EncounterKind.PROCEDURE, DAY1.minusDays(1))));

        assertEquals(Outcome.BILLABLE, d.outcome());
        assertEquals("99422", d.code());
    }

    @Test
    void anUnknownStatusCountsAsEstablishedWhenThePolicySaysSo() {
        RulePolicy p = RulePolicy.defaults();
        EpisodeRules lenient = new EpisodeRules(new RulePolicy(p.zone(), p.windowDays(), p.windowMode(),
                p.physicianCredentials(), p.nonphysicianCredentials(), p.clinicalStaffCredentials(), p.mixedCredentials(),
                p.minimumMinutes(), p.secondBandFrom(), p.thirdBandFrom(), p.physicianCodes(), p.nonphysicianCodes(),
                p.priorEmDays(), p.nextEmDays(), true, p.consentValidity()));
        EpisodeFacts facts = new EpisodeFacts(START, end(), true, null, List.of(md("MD", "m-1", START, 6, true)),
                List.of(), List.of(CONSENT));

        assertEquals(Outcome.BILLABLE, lenient.decide(facts, CLOCK.instant()).outcome());
    }

    // --- who counts -------------------------------------------------------------------------------------

    @Test
    void twoPhysiciansOfTheGroupAddUp() {
        Decision d = decide(facts(List.of(
                new TimeEntry("m-1", "t-1", "u-lee", "CLINICIAN", "MD", 6, true, true, START),
                new TimeEntry("m-2", "t-2", "u-kim", "CLINICIAN", "np", 6, false, true, START.plusSeconds(86_400)))));

        assertEquals("99422", d.code());
        assertEquals(12, d.minutes());
        assertEquals(List.of("u-kim", "u-lee"), d.clinicians());
        assertTrue(d.trace().stream().anyMatch(s -> s.detail().contains("physician/QHP 12 min (2 clinicians)")));
    }

    @Test
    void clinicalStaffTimeNeverCounts() {
        Decision d = decide(facts(List.of(md("MD", "m-1", START, 4, true),
                new TimeEntry("m-2", "t-1", "u-rn", "CLINICIAN", "RN", 30, true, true, START.plusSeconds(60)),
                new TimeEntry("m-3", "t-1", "u-ma", "CLINICIAN", "MA", 30, true, true, START.plusSeconds(120)),
                new TimeEntry("m-4", "t-1", "u-fd", "STAFF", "MD", 30, true, true, START.plusSeconds(180)))));

        assertEquals(Reason.UNDER_5_MINUTES, d.reason());
        assertEquals(4, d.minutes());
    }

    static Stream<Arguments> mixedCredentials() {
        return Stream.of(
                // physician 6 + PT 30: physician family, PT minutes not added
                Arguments.of(MixedCredentials.PHYSICIAN_QHP_FIRST, 6, 30, "99421", 6),
                // physician 3 (under 5) + PT 8: the nonphysician family reports its own 8 minutes
                Arguments.of(MixedCredentials.PHYSICIAN_QHP_FIRST, 3, 8, "98970", 8),
                // physician 3 + PT 3: neither reaches 5 and they never add up to 6
                Arguments.of(MixedCredentials.PHYSICIAN_QHP_FIRST, 3, 3, null, 3),
                Arguments.of(MixedCredentials.LARGER_TOTAL, 6, 30, "98972", 30),
                Arguments.of(MixedCredentials.LARGER_TOTAL, 12, 12, "99422", 12));
    }

    @ParameterizedTest(name = "{0}: MD {1} min + PT {2} min -> {3}")
    @MethodSource("mixedCredentials")
    void mixedCredentialsInOneEpisodeNeverAddAcrossFamilies(MixedCredentials mode, int md, int pt, String code,
                                                            int counted) {
        EpisodeRules r = new EpisodeRules(RulePolicy.defaults().withMixedCredentials(mode));
        EpisodeFacts facts = facts(List.of(md("MD", "m-1", START, md, true),
                new TimeEntry("m-2", "t-1", "u-pt", "CLINICIAN", "PT", pt, true, true, START.plusSeconds(3600))));

        Decision d = r.decide(facts, CLOCK.instant());

        assertEquals(code, d.code());
        assertEquals(counted, d.minutes());
        assertEquals(code == null ? Reason.UNDER_5_MINUTES : null, d.reason());
    }

    @Test
    void credentialsClassify() {
        assertEquals(CredentialClass.PHYSICIAN_QHP, rules.classify("CLINICIAN", " pa "));
        assertEquals(CredentialClass.PHYSICIAN_QHP, rules.classify("CLINICIAN", "CNM"));
        assertEquals(CredentialClass.QUALIFIED_NONPHYSICIAN, rules.classify("CLINICIAN", "OT"));
        assertEquals(CredentialClass.CLINICAL_STAFF, rules.classify("CLINICIAN", "LPN"));
        assertEquals(CredentialClass.NOT_COUNTED, rules.classify("CLINICIAN", null));
        assertEquals(CredentialClass.NOT_COUNTED, rules.classify("CLINICIAN", "PharmD"));
        assertEquals(CredentialClass.NOT_COUNTED, rules.classify("STAFF", "MD"));
        assertTrue(rules.opensEpisode(md("MD", "m", START, 1, true)));
        assertFalse(rules.opensEpisode(md("MD", "m", START, 9, false)));
        assertFalse(rules.opensEpisode(new TimeEntry("m", "t", "u", "CLINICIAN", "RN", 9, true, true, START)));
    }

    // --- the window -------------------------------------------------------------------------------------

    @Test
    void theCalendarWindowEndsAtLocalMidnightAfterDaySeven() {
        // Monday 2 March 15:00 EST -> Monday 9 March 00:00 local, which is EDT (DST began 8 March): 04:00Z
        assertEquals(Instant.parse("2026-03-09T04:00:00Z"), rules.windowEnd(START));
        // a first review at 23:30 local on 1 March is still day 1 = 1 March
        assertEquals(Instant.parse("2026-03-08T05:00:00Z"), rules.windowEnd(Instant.parse("2026-03-02T04:30:00Z")));
    }

    @Test
    void theRollingWindowKeepsTheWallClockAcrossDaylightSaving() {
        EpisodeRules rolling = new EpisodeRules(RulePolicy.defaults().withWindowMode(WindowMode.ROLLING));
        // 15:00 EST Monday -> 15:00 EDT next Monday = 19:00Z, 167 hours later
        assertEquals(Instant.parse("2026-03-09T19:00:00Z"), rolling.windowEnd(START));
    }

    @Test
    void theZoneDecidesTheDay() {
        EpisodeRules utc = new EpisodeRules(RulePolicy.defaults().withZone(ZoneOffset.UTC));
        // 02:00Z on 3 March is still 2 March in New York, but 3 March in UTC
        Instant lateEvening = Instant.parse("2026-03-03T02:00:00Z");
        assertEquals(Instant.parse("2026-03-09T04:00:00Z"), rules.windowEnd(lateEvening));
        assertEquals(Instant.parse("2026-03-10T00:00:00Z"), utc.windowEnd(lateEvening));
    }

    @ParameterizedTest(name = "time logged at {0}: counted {1}")
    @CsvSource({
            "2026-03-09T03:59:59.999999Z, true",
            "2026-03-09T04:00:00Z,        false",
            "2026-03-02T19:59:59Z,        false",
            "2026-03-02T20:00:00Z,        true"})
    void theBoundaryInstant(Instant loggedAt, boolean counted) {
        Decision d = decide(facts(List.of(md("MD", "m-1", START, 5, true), md("MD", "m-2", loggedAt, 6, true))));

        assertEquals(counted ? 11 : 5, d.minutes());
        assertEquals(counted ? "99422" : "99421", d.code());
    }

    // --- duplicates and late facts ------------------------------------------------------------------------

    @Test
    void aDuplicateEntryCountsOnce() {
        TimeEntry entry = md("MD", "m-1", START, 6, true);
        Decision d = decide(facts(List.of(entry, entry, md("MD", "m-1", START.plusSeconds(5), 6, true))));

        assertEquals(6, d.minutes());
        assertEquals("99421", d.code());
        assertTrue(d.trace().stream().anyMatch(s -> s.detail().contains("2 duplicate")));
    }

    @Test
    void aLateEncounterTurnsAReadyEpisodeNotBillable() {
        EpisodeFacts before = facts(List.of(md("MD", "m-1", START, 15, true)));
        assertEquals(Outcome.BILLABLE, decide(before).outcome());

        Decision after = decide(with(before, em(DAY1.plusDays(4))));

        assertEquals(Outcome.NOT_BILLABLE, after.outcome());
        assertEquals(Reason.EM_VISIT_NEXT_7_DAYS, after.reason());
    }

    @Test
    void theTraceNamesEveryRuleInOrder() {
        Decision d = decide(facts(List.of(md("MD", "m-1", START, 12, true))));

        assertEquals(List.of("window", "time.entries", "time.family", "eligibility.patient-initiated",
                "eligibility.established-patient", "content.em", "exclusion.prior-em", "exclusion.next-em",
                "exclusion.global-period", "time.minimum", "time.band", "consent"),
                d.trace().stream().map(TraceStep::rule).toList());
        assertTrue(d.trace().stream().allMatch(TraceStep::passed));
    }

    // --- helpers ----------------------------------------------------------------------------------------

    private Decision decide(EpisodeFacts facts) {
        return rules.decide(facts, CLOCK.instant());
    }

    private static Instant end() {
        return new EpisodeRules(RulePolicy.defaults()).windowEnd(START);
    }

    private static TimeEntry md(String credential, String messageId, Instant at, int minutes, boolean assessed) {
        return new TimeEntry(messageId, "t-1", "u-" + credential.toLowerCase(), "CLINICIAN", credential, minutes,
                assessed, true, at);
    }

    private static EncounterFact em(LocalDate date) {
        return new EncounterFact("e-" + date, date, EncounterKind.EM_OFFICE_VISIT, null);
    }

    private static EpisodeFacts facts(List<TimeEntry> entries) {
        return new EpisodeFacts(START, end(), true, true, entries, List.of(), List.of(CONSENT));
    }

    private static EpisodeFacts with(EpisodeFacts f, EncounterFact encounter) {
        List<EncounterFact> encounters = new ArrayList<>(f.encounters());
        encounters.add(encounter);
        return new EpisodeFacts(f.windowStart(), f.windowEnd(), f.patientInitiated(), f.established(), f.entries(),
                encounters, f.consents());
    }
}
