package org.careline.messaging.service;

import org.careline.events.MessageTopic;

/**
 * What a caller asks for when opening a thread.
 *
 * @param patientId the patient the thread is about; required when a care-team member writes
 * @param careTeam  the care team to address; defaults from the patient's token, then configuration
 * @param clinicianId a clinician to address (user id), or null for the care team's pool
 */
public record NewThread(String subject, String body, MessageTopic topic, String patientId, String careTeam,
                        String clinicianId) {
}
