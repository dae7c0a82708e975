package org.careline.messaging.service;

import io.smallrye.mutiny.Uni;

import java.util.List;

/**
 * The caregivers who hold an active proxy grant for a patient and so are notified of new messages in
 * the patient's threads. Proxy grants are managed by the thread core; until its implementation is
 * wired in, {@link NoCaregiverRecipients} answers none.
 */
public interface CaregiverRecipients {

    /** User ids of the caregivers with an active grant for {@code patientId}. */
    Uni<List<String>> activeFor(String patientId);
}
