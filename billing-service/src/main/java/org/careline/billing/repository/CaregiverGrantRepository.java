package org.careline.billing.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.billing.CaregiverGrant;

import java.util.List;

@ApplicationScoped
public class CaregiverGrantRepository implements PanacheRepositoryBase<CaregiverGrant, String> {

    /** Every grant (live or not) of one caregiver for one patient. */
    public Uni<List<CaregiverGrant>> listFor(String caregiver, String patientId) {
        return list("caregiver = ?1 and patientId = ?2", caregiver, patientId);
    }
}
