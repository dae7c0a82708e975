package org.careline.billing.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.billing.VisitRequest;

import java.util.List;

@ApplicationScoped
public class VisitRequestRepository implements PanacheRepositoryBase<VisitRequest, String> {

    public Uni<List<VisitRequest>> listByPatient(String patientId) {
        return list("patientId = ?1 order by requestedAt, id", patientId);
    }
}
