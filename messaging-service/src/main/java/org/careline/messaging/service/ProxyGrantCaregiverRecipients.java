package org.careline.messaging.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.messaging.repository.ProxyGrantRepository;

import java.time.Clock;
import java.util.List;

/** The caregivers notified for a patient: those whose proxy grant is live now (any scope). */
@ApplicationScoped
public class ProxyGrantCaregiverRecipients implements CaregiverRecipients {

    private final ProxyGrantRepository grants;
    private final Clock clock;

    public ProxyGrantCaregiverRecipients(ProxyGrantRepository grants, Clock clock) {
        this.grants = grants;
        this.clock = clock;
    }

    @Override
    public Uni<List<String>> activeFor(String patientId) {
        return grants.liveForPatient(patientId, clock.instant())
                .map(live -> live.stream().map(grant -> grant.caregiver).distinct().toList());
    }
}
