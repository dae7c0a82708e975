package org.careline.billing.rules;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The online digital E/M rules of DOMAIN.md ("E-visit billing"), as plain Java: which time counts, when
 * a window opens and ends, and what an episode earns at its end, with a trace of every rule. No
 * framework, no clock of its own: callers pass the facts and "now".
 */
public final class EpisodeRules {

    private static final String CLINICIAN = "CLINICIAN";

    private final RulePolicy policy;

    public EpisodeRules(RulePolicy policy) {
        this.policy = policy;
    }

    public RulePolicy policy() {
        return policy;
    }

    /** Whose time this is, for billing. Only the CLINICIAN role with a known credential ever counts. */
    public CredentialClass classify(String role, String credential) {
        String c = credential == null ? "" : credential.trim().toUpperCase(Locale.ROOT);
        if (policy.clinicalStaffCredentials().contains(c)) {
            return CredentialClass.CLINICAL_STAFF;
        }
        if (!CLINICIAN.equals(role)) {
            return CredentialClass.NOT_COUNTED;
        }
        if (policy.physicianCredentials().contains(c)) {
            return CredentialClass.PHYSICIAN_QHP;
        }
        if (policy.nonphysicianCredentials().contains(c)) {
            return CredentialClass.QUALIFIED_NONPHYSICIAN;
        }
        return CredentialClass.NOT_COUNTED;
    }

    /** Whether the entry's time can count toward a code (physician/QHP or qualified nonphysician). */
    public boolean counts(TimeEntry entry) {
        CredentialClass c = classify(entry.role(), entry.credential());
        return c == CredentialClass.PHYSICIAN_QHP || c == CredentialClass.QUALIFIED_NONPHYSICIAN;
    }

    /** Whether the entry opens an episode: counted time with a clinical assessment (the first review). */
    public boolean opensEpisode(TimeEntry entry) {
        return counts(entry) && entry.clinicalAssessment();
    }

    /** The exclusive end of a window that starts at {@code start}, in the policy's zone. */
    public Instant windowEnd(Instant start) {
        ZonedDateTime local = start.atZone(policy.zone());
        return switch (policy.windowMode()) {
            case CALENDAR_DAYS -> local.toLocalDate().plusDays(policy.windowDays()).atStartOfDay(policy.zone())
                    .toInstant();
            case ROLLING -> local.plusDays(policy.windowDays()).toInstant();
        };
    }

    /** Decides an episode whose window has ended (or is re-evaluated); {@code now} dates consents. */
    public Decision decide(EpisodeFacts facts, Instant now) {
        List<TraceStep> trace = new ArrayList<>();
        LocalDate startDay = facts.windowStart().atZone(policy.zone()).toLocalDate();
        trace.add(new TraceStep("window", true, "from " + facts.windowStart() + " until " + facts.windowEnd()
                + " (" + policy.windowMode() + ", " + policy.windowDays() + " days, " + policy.zone() + ")"));

        Tally tally = tally(facts, trace);
        CodeFamily family = family(tally);
        int minutes = family == null ? 0 : tally.minutes(family);
        trace.add(new TraceStep("time.family", family != null, familyDetail(tally, family)));

        List<Optional<Reason>> checks = new ArrayList<>();
        checks.add(check(trace, "eligibility.patient-initiated", facts.patientInitiated(),
                facts.patientInitiated() ? "the patient started the exchange" : "the care team started the exchange",
                Reason.NOT_PATIENT_INITIATED));
        boolean established = facts.established() != null ? facts.established() : policy.unknownStatusEstablished();
        checks.add(check(trace, "eligibility.established-patient", established,
                facts.established() == null ? "the EHR never reported the patient's status; policy treats unknown as "
                        + (policy.unknownStatusEstablished() ? "established" : "not established")
                        : "the EHR reports the patient " + (established ? "established" : "not established"),
                Reason.NOT_ESTABLISHED_PATIENT));
        long assessed = tally.counted.stream().filter(TimeEntry::clinicalAssessment).count();
        checks.add(check(trace, "content.em", assessed > 0, assessed + " of " + tally.counted.size()
                + " counted entries carry a clinical assessment", Reason.NON_EM_CONTENT_ONLY));
        checks.add(encounterCheck(trace, "exclusion.prior-em", facts, e -> e.kind().isEm()
                        && !e.date().isBefore(startDay.minusDays(policy.priorEmDays())) && e.date().isBefore(startDay),
                startDay, "E/M service in the " + policy.priorEmDays() + " days before", Reason.RELATED_EM_PREVIOUS_7_DAYS));
        checks.add(encounterCheck(trace, "exclusion.next-em", facts, e -> e.kind().isEm()
                        && !e.date().isBefore(startDay) && e.date().isBefore(startDay.plusDays(policy.nextEmDays())),
                startDay, "E/M visit within " + policy.nextEmDays() + " days from the first review",
                Reason.EM_VISIT_NEXT_7_DAYS));
        checks.add(encounterCheck(trace, "exclusion.global-period", facts, e -> e.kind() == EncounterKind.PROCEDURE
                        && e.globalPeriodEnd() != null && !startDay.isBefore(e.date())
                        && !startDay.isAfter(e.globalPeriodEnd()),
                startDay, "surgical global period covering the first review", Reason.SURGICAL_GLOBAL_PERIOD));
        List<VisitRequestFact> requested = requestedInWindow(facts);
        if (!requested.isEmpty()) {
            List<String> rolled = requested.stream().flatMap(r -> rollingVisit(facts, r).stream()
                    .map(e -> "encounter " + e.id() + " (" + e.kind() + ") follows visit request " + r.id())).toList();
            checks.add(check(trace, "exclusion.requested-visit", rolled.isEmpty(), rolled.isEmpty()
                    ? requested.size() + " visit request(s) in the window, no E/M visit within " + policy.nextEmDays()
                    + " days of one yet" : "the time rolls into the requested visit: " + String.join(", ", rolled),
                    Reason.EM_VISIT_NEXT_7_DAYS));
        }
        checks.add(check(trace, "time.minimum", minutes >= policy.minimumMinutes(),
                minutes + " min counted; at least " + policy.minimumMinutes() + " needed", Reason.UNDER_5_MINUTES));

        String code = minutes >= policy.minimumMinutes() ? code(family, minutes) : null;
        if (code != null) {
            trace.add(new TraceStep("time.band", true, minutes + " min -> " + code));
        }
        if (!requested.isEmpty()) {
            Instant holdUntil = visitHoldUntil(facts);
            boolean released = holdUntil == null || !now.isBefore(holdUntil);
            checks.add(check(trace, "hold.requested-visit", released, released
                    ? "no E/M visit reported within " + policy.nextEmDays() + " days of the visit request: the e-visit stands"
                    : "a visit was requested from the exchange; held until " + holdUntil + " (an E/M visit by then "
                    + "takes the time)", Reason.VISIT_REQUESTED));
        }
        boolean consented = consented(facts, now);
        checks.add(check(trace, "consent", consented, consented
                ? "a consent to possible charges covers the window"
                : "no consent covering the window" + (policy.consentValidity().isZero() ? ""
                : " (consents last " + policy.consentValidity() + ")"), Reason.CONSENT_MISSING));

        List<String> clinicians = family == null ? List.of() : tally.clinicianIds(family);
        Optional<Reason> failed = checks.stream().flatMap(Optional::stream).findFirst();
        if (failed.isEmpty()) {
            return new Decision(Outcome.BILLABLE, code, family, minutes, null, List.copyOf(trace), clinicians);
        }
        Reason reason = failed.get();
        if (reason.isHold()) {
            return new Decision(Outcome.HELD, code, family, minutes, reason, List.copyOf(trace), clinicians);
        }
        return new Decision(Outcome.NOT_BILLABLE, null, family, minutes, reason, List.copyOf(trace), clinicians);
    }

    /**
     * Until when a visit requested during the window holds the episode: the end (exclusive) of the look-ahead
     * ({@code next-em-days} local days from the request's day) of the latest request that no E/M visit has
     * followed yet; null when no request holds it.
     */
    public Instant visitHoldUntil(EpisodeFacts facts) {
        return requestedInWindow(facts).stream()
                .filter(r -> rollingVisit(facts, r).isEmpty())
                .map(r -> r.requestedAt().atZone(policy.zone()).toLocalDate().plusDays(policy.nextEmDays())
                        .atStartOfDay(policy.zone()).toInstant())
                .max(Instant::compareTo).orElse(null);
    }

    private static List<VisitRequestFact> requestedInWindow(EpisodeFacts facts) {
        return facts.visitRequests().stream()
                .filter(r -> !r.requestedAt().isBefore(facts.windowStart()) && r.requestedAt().isBefore(facts.windowEnd()))
                .toList();
    }

    /** The E/M visits on the request's day or within {@code next-em-days} after it. */
    private List<EncounterFact> rollingVisit(EpisodeFacts facts, VisitRequestFact request) {
        LocalDate day = request.requestedAt().atZone(policy.zone()).toLocalDate();
        return facts.encounters().stream().filter(e -> e.kind().isEm() && !e.date().isBefore(day)
                && e.date().isBefore(day.plusDays(policy.nextEmDays()))).toList();
    }

    /** The code of {@code minutes} in {@code family}'s bands; null under the minimum. */
    public String code(CodeFamily family, int minutes) {
        if (family == null || minutes < policy.minimumMinutes()) {
            return null;
        }
        List<String> codes = family == CodeFamily.PHYSICIAN_QHP ? policy.physicianCodes() : policy.nonphysicianCodes();
        if (minutes >= policy.thirdBandFrom()) {
            return codes.get(2);
        }
        return minutes >= policy.secondBandFrom() ? codes.get(1) : codes.get(0);
    }

    private Tally tally(EpisodeFacts facts, List<TraceStep> trace) {
        Tally tally = new Tally();
        Set<String> seen = new HashSet<>();
        int duplicates = 0;
        int outside = 0;
        int careTeamThreads = 0;
        int staffMinutes = 0;
        int uncountedMinutes = 0;
        for (TimeEntry e : facts.entries()) {
            if (!seen.add(e.messageId())) {
                duplicates++;
            } else if (e.loggedAt().isBefore(facts.windowStart()) || !e.loggedAt().isBefore(facts.windowEnd())) {
                outside++;
            } else {
                CredentialClass c = classify(e.role(), e.credential());
                if (c == CredentialClass.CLINICAL_STAFF) {
                    staffMinutes += e.minutes();
                } else if (c == CredentialClass.NOT_COUNTED) {
                    uncountedMinutes += e.minutes();
                } else if (!e.patientInitiated() && facts.patientInitiated()) {
                    careTeamThreads++;
                } else {
                    tally.add(c, e);
                }
            }
        }
        trace.add(new TraceStep("time.entries", true, seen.size() + " distinct entries, " + tally.counted.size()
                + " counted; " + duplicates + " duplicate, " + outside + " outside the window, " + careTeamThreads
                + " on care-team-initiated threads, clinical staff " + staffMinutes + " min and other roles "
                + uncountedMinutes + " min never count"));
        return tally;
    }

    private CodeFamily family(Tally tally) {
        int phys = tally.minutes(CodeFamily.PHYSICIAN_QHP);
        int qnp = tally.minutes(CodeFamily.QUALIFIED_NONPHYSICIAN);
        if (phys == 0 && qnp == 0) {
            return null;
        }
        return switch (policy.mixedCredentials()) {
            case PHYSICIAN_QHP_FIRST -> phys >= policy.minimumMinutes() || qnp < policy.minimumMinutes() && phys > 0
                    ? CodeFamily.PHYSICIAN_QHP
                    : CodeFamily.QUALIFIED_NONPHYSICIAN;
            case LARGER_TOTAL -> phys >= qnp ? CodeFamily.PHYSICIAN_QHP : CodeFamily.QUALIFIED_NONPHYSICIAN;
        };
    }

    private String familyDetail(Tally tally, CodeFamily family) {
        String phys = "physician/QHP " + tally.minutes(CodeFamily.PHYSICIAN_QHP) + " min ("
                + tally.clinicians(CodeFamily.PHYSICIAN_QHP) + " clinicians)";
        String qnp = "qualified nonphysician " + tally.minutes(CodeFamily.QUALIFIED_NONPHYSICIAN) + " min ("
                + tally.clinicians(CodeFamily.QUALIFIED_NONPHYSICIAN) + " clinicians)";
        return phys + "; " + qnp + "; families never add up; reported family: "
                + (family == null ? "none" : family) + " (" + policy.mixedCredentials() + ")";
    }

    private Optional<Reason> encounterCheck(List<TraceStep> trace, String rule, EpisodeFacts facts,
                                            java.util.function.Predicate<EncounterFact> bars, LocalDate startDay,
                                            String what, Reason reason) {
        List<EncounterFact> barring = facts.encounters().stream().filter(bars).toList();
        String detail = barring.isEmpty() ? "no " + what
                : what + ": " + barring.stream().map(e -> "encounter " + e.id() + " ("
                + e.kind() + ", day " + ChronoUnit.DAYS.between(startDay, e.date()) + ")")
                .collect(Collectors.joining(", "));
        return check(trace, rule, barring.isEmpty(), detail, reason);
    }

    private boolean consented(EpisodeFacts facts, Instant now) {
        return facts.consents().stream()
                .filter(c -> !c.recordedAt().isAfter(now))
                .anyMatch(c -> policy.consentValidity().isZero()
                        || c.recordedAt().atZone(policy.zone()).plus(policy.consentValidity()).toInstant()
                        .isAfter(facts.windowStart()));
    }

    private static Optional<Reason> check(List<TraceStep> trace, String rule, boolean passed, String detail,
                                          Reason reason) {
        trace.add(new TraceStep(rule, passed, detail));
        return passed ? Optional.empty() : Optional.of(reason);
    }

    /** Counted entries and minutes per family. */
    private static final class Tally {
        private final List<TimeEntry> counted = new ArrayList<>();
        private final int[] minutes = new int[CodeFamily.values().length];
        private final List<Set<String>> clinicians = List.of(new HashSet<>(), new HashSet<>());

        void add(CredentialClass c, TimeEntry e) {
            CodeFamily family = c == CredentialClass.PHYSICIAN_QHP ? CodeFamily.PHYSICIAN_QHP
                    : CodeFamily.QUALIFIED_NONPHYSICIAN;
            counted.add(e);
            minutes[family.ordinal()] += e.minutes();
            clinicians.get(family.ordinal()).add(e.clinicianId());
        }

        int minutes(CodeFamily family) {
            return minutes[family.ordinal()];
        }

        int clinicians(CodeFamily family) {
            return clinicians.get(family.ordinal()).size();
        }

        List<String> clinicianIds(CodeFamily family) {
            return clinicians.get(family.ordinal()).stream().sorted().toList();
        }
    }
}
