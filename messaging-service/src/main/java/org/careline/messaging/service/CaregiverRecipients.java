package org.careline.messaging.service;

import io.smallrye.mutiny.Uni;

import java.util.List;

/**
 * The caregivers who hold an active proxy grant for a patient and so are notified of new messages in
 * the patient's threads ({@link ProxyGrantCaregiverRecipients}).
 */
public interface CaregiverRecipients {

    /** Usernames of the caregivers with an active grant for {@code patientId}. */
    Uni<List<String>> activeFor(String patientId);
}
