package org.careline.billing.rules;

import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The policy choices a health system makes, with DOMAIN.md's defaults ({@link #defaults()}). The
 * service builds one from its typed configuration; tests build their own.
 *
 * @param zone                     the practice's time zone: windows and encounter dates are local to it
 * @param windowDays               length of the e-visit window (7)
 * @param physicianCredentials     credentials counted toward 99421-99423
 * @param nonphysicianCredentials  credentials counted toward 98970-98972
 * @param clinicalStaffCredentials credentials that never count (named in traces)
 * @param minimumMinutes           least billable time (5)
 * @param secondBandFrom           first minute of the second band (11)
 * @param thirdBandFrom            first minute of the third band (21)
 * @param physicianCodes           the three physician/QHP codes, by band
 * @param nonphysicianCodes        the three nonphysician codes, by band (Medicare historically G2061-G2063)
 * @param priorEmDays              days before the inquiry in which an E/M service makes it not billable (7)
 * @param nextEmDays               days from the inquiry in which an E/M visit absorbs it (7)
 * @param unknownStatusEstablished whether a patient the EHR never reported counts as established (false)
 * @param consentValidity          how long a consent lasts; {@link Period#ZERO} for no expiry
 */
public record RulePolicy(ZoneId zone, int windowDays, WindowMode windowMode, Set<String> physicianCredentials,
                         Set<String> nonphysicianCredentials, Set<String> clinicalStaffCredentials,
                         MixedCredentials mixedCredentials, int minimumMinutes, int secondBandFrom,
                         int thirdBandFrom, List<String> physicianCodes, List<String> nonphysicianCodes,
                         int priorEmDays, int nextEmDays, boolean unknownStatusEstablished, Period consentValidity) {

    public RulePolicy {
        physicianCredentials = upper(physicianCredentials);
        nonphysicianCredentials = upper(nonphysicianCredentials);
        clinicalStaffCredentials = upper(clinicalStaffCredentials);
        if (physicianCodes.size() != 3 || nonphysicianCodes.size() != 3) {
            throw new IllegalArgumentException("each code family needs exactly three codes, one per band");
        }
        if (!(0 < minimumMinutes && minimumMinutes < secondBandFrom && secondBandFrom < thirdBandFrom)) {
            throw new IllegalArgumentException("time bands must increase: minimum < second < third");
        }
        if (windowDays < 1) {
            throw new IllegalArgumentException("the window must last at least one day");
        }
    }

    /** DOMAIN.md's defaults in the America/New_York zone. */
    public static RulePolicy defaults() {
        return new RulePolicy(ZoneId.of("America/New_York"), 7, WindowMode.CALENDAR_DAYS,
                Set.of("MD", "DO", "NP", "PA", "CNS", "CNM"),
                Set.of("PT", "DPT", "OT", "SLP", "LCSW", "LICSW", "CSW", "RD", "RDN"),
                Set.of("RN", "LPN", "LVN", "MA", "CMA"),
                MixedCredentials.PHYSICIAN_QHP_FIRST, 5, 11, 21,
                List.of("99421", "99422", "99423"), List.of("98970", "98971", "98972"),
                7, 7, false, Period.ofYears(1));
    }

    public RulePolicy withZone(ZoneId other) {
        return new RulePolicy(other, windowDays, windowMode, physicianCredentials, nonphysicianCredentials,
                clinicalStaffCredentials, mixedCredentials, minimumMinutes, secondBandFrom, thirdBandFrom,
                physicianCodes, nonphysicianCodes, priorEmDays, nextEmDays, unknownStatusEstablished, consentValidity);
    }

    public RulePolicy withWindowMode(WindowMode mode) {
        return new RulePolicy(zone, windowDays, mode, physicianCredentials, nonphysicianCredentials,
                clinicalStaffCredentials, mixedCredentials, minimumMinutes, secondBandFrom, thirdBandFrom,
                physicianCodes, nonphysicianCodes, priorEmDays, nextEmDays, unknownStatusEstablished, consentValidity);
    }

    public RulePolicy withMixedCredentials(MixedCredentials mixed) {
        return new RulePolicy(zone, windowDays, windowMode, physicianCredentials, nonphysicianCredentials,
                clinicalStaffCredentials, mixed, minimumMinutes, secondBandFrom, thirdBandFrom,
                physicianCodes, nonphysicianCodes, priorEmDays, nextEmDays, unknownStatusEstablished, consentValidity);
    }

    private static Set<String> upper(Set<String> values) {
        return values.stream().map(v -> v.trim().toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }
}
