package org.careline.events;

/** What was done to patient data (IHE BALP vocabulary). */
public enum AuditAction {
    CREATE, READ, UPDATE, DELETE, QUERY, EXPORT, LOGIN
}
