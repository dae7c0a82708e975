package org.careline.billing.config;

import io.smallrye.config.WithDefault;
import org.careline.billing.rules.MixedCredentials;
import org.careline.billing.rules.WindowMode;

import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/** Policy choices of the e-visit rules ({@code careline.billing.rules.*}); defaults follow DOMAIN.md. */
public interface RulesConfig {

    /** The practice's time zone: windows end and encounter dates are read in it. */
    @WithDefault("America/New_York")
    ZoneId zone();

    /** Length of the e-visit window in days. */
    @WithDefault("7")
    int windowDays();

    /** CALENDAR_DAYS (day of first review = day 1, ends at local midnight after day 7) or ROLLING. */
    @WithDefault("CALENDAR_DAYS")
    WindowMode windowMode();

    /** Credentials whose time counts toward 99421-99423. */
    @WithDefault("MD,DO,NP,PA,CNS,CNM")
    Set<String> physicianCredentials();

    /** Credentials of qualified nonphysician professionals: time counts toward 98970-98972. */
    @WithDefault("PT,DPT,OT,SLP,LCSW,LICSW,CSW,RD,RDN")
    Set<String> nonphysicianCredentials();

    /** Clinical staff credentials: their time never counts. */
    @WithDefault("RN,LPN,LVN,MA,CMA")
    Set<String> clinicalStaffCredentials();

    /** Which family an episode with both kinds of time reports. */
    @WithDefault("PHYSICIAN_QHP_FIRST")
    MixedCredentials mixedCredentials();

    /** Least billable minutes. */
    @WithDefault("5")
    int minimumMinutes();

    /** First minute of the second band (99422 / 98971). */
    @WithDefault("11")
    int secondBandFrom();

    /** First minute of the third band (99423 / 98972). */
    @WithDefault("21")
    int thirdBandFrom();

    /** Physician/QHP codes by band. */
    @WithDefault("99421,99422,99423")
    List<String> physicianCodes();

    /** Nonphysician codes by band (a payer wanting G2061-G2063 sets them here). */
    @WithDefault("98970,98971,98972")
    List<String> nonphysicianCodes();

    /** Days before the first review in which an E/M service makes the episode not billable. */
    @WithDefault("7")
    int priorEmDays();

    /** Days from the first review in which an E/M visit absorbs the episode's time. */
    @WithDefault("7")
    int nextEmDays();

    /** Whether a patient the EHR never reported counts as established. */
    @WithDefault("false")
    boolean unknownStatusEstablished();

    /** How long a consent lasts (ISO-8601 period, e.g. P1Y; P0D for no renewal). */
    @WithDefault("P1Y")
    Period consentValidity();
}
