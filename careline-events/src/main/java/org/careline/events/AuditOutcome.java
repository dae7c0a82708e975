package org.careline.events;

/** How an access attempt ended. Denied and failed attempts are audited too. */
public enum AuditOutcome {
    SUCCESS, DENIED, FAILED
}
