package org.careline.messaging.service;

import org.careline.events.ParticipantRole;

/** On whose behalf, to which team and in which role a caller writes. */
public record Authorship(String patientId, String careTeam, ParticipantRole role) {
}
