package org.careline.messaging.service;

import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Used while no proxy-grant store provides {@link CaregiverRecipients}: no caregiver is notified. */
@DefaultBean
@ApplicationScoped
public class NoCaregiverRecipients implements CaregiverRecipients {

    @Override
    public Uni<List<String>> activeFor(String patientId) {
        return Uni.createFrom().item(List.of());
    }
}
