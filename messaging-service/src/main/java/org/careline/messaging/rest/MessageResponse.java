package org.careline.messaging.rest;

import org.careline.events.ParticipantRole;

import java.time.Instant;

/** One message of a thread. */
public record MessageResponse(String id, String authorId, ParticipantRole authorRole, String authorCredential,
                              String body, Instant postedAt) {
}
