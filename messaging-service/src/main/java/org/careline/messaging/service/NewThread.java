package org.careline.messaging.service;

import org.careline.events.MessageTopic;

/**
 * What a caller asks for when opening a thread.
 *
 * @param patientId the patient the thread is about; required when a caregiver or care-team member writes
 * @param careTeam  the care team to address; defaults from the patient's token, then configuration
 * @param clinician the username of a clinician to address the thread to; null for the whole care team
 */
public record NewThread(String subject, String body, MessageTopic topic, String patientId, String careTeam,
                        String clinician) {
}
