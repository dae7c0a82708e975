package org.careline.billing.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.billing.Encounter;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class EncounterRepository implements PanacheRepositoryBase<Encounter, UUID> {

    public Uni<List<Encounter>> listByPatient(String patientId) {
        return list("patientId = ?1 order by date, id", patientId);
    }

    public Uni<Encounter> findByExternalId(String externalId) {
        return find("externalId", externalId).firstResult();
    }
}
