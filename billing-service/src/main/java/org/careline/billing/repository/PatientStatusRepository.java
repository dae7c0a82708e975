package org.careline.billing.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.billing.PatientStatus;

@ApplicationScoped
public class PatientStatusRepository implements PanacheRepositoryBase<PatientStatus, String> {
}
