package org.careline.events;

/** What converted a thread into a visit request. */
public enum VisitRequestSource {
    /** A care-team member, named in {@code requestedBy}. */
    CARE_TEAM,
    /** A triage routing rule; {@code requestedBy} is null. */
    TRIAGE_RULE
}
