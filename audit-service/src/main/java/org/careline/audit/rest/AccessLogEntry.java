package org.careline.audit.rest;

import org.careline.events.AuditAction;

import java.time.Instant;

/**
 * One access to the patient's data, as the patient sees it.
 *
 * @param who        the staff member as the organization chooses to show them: username, role, or "a member of your
 *                   care team" ({@code careline.audit.patient-view.staff-identity})
 * @param why        the purpose in plain words
 * @param emergency  whether it was an emergency (break-the-glass) access
 */
public record AccessLogEntry(Instant occurredAt, String who, AuditAction action, String resourceType, String why,
                             boolean emergency) {
}
