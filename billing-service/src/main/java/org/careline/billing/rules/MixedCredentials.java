package org.careline.billing.rules;

/**
 * Which code family an episode reports when physicians/QHPs and qualified nonphysician professionals
 * both logged time. Minutes of the two families never add up: each code family counts only its own
 * professionals' time (DOMAIN.md: 99421-99423 is "cumulative time of physicians/QHPs";
 * 98970-98972 is the nonphysician family). One code is reported per episode.
 */
public enum MixedCredentials {
    /** Physician/QHP family when its time reaches the minimum, else the nonphysician family. Default. */
    PHYSICIAN_QHP_FIRST,
    /** The family with more minutes (ties go to physician/QHP). */
    LARGER_TOTAL
}
