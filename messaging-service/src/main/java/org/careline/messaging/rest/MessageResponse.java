package org.careline.messaging.rest;

import org.careline.events.ParticipantRole;

import java.time.Instant;

/**
 * One message of a thread. {@code timeSpentMinutes} and {@code clinicalAssessment} are shown to the
 * care team only (null for patients and caregivers).
 */
public record MessageResponse(String id, String authorId, ParticipantRole authorRole, String authorCredential,
                              String body, Instant postedAt, Integer timeSpentMinutes, Boolean clinicalAssessment) {
}
