package org.careline.billing.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.billing.Consent;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ConsentRepository implements PanacheRepositoryBase<Consent, UUID> {

    /** A patient's consents, newest first. */
    public Uni<List<Consent>> listByPatient(String patientId) {
        return list("patientId = ?1 order by recordedAt desc", patientId);
    }
}
