package org.careline.messaging.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.messaging.DirectoryEntry;

import java.util.Collection;
import java.util.List;

@ApplicationScoped
public class DirectoryRepository implements PanacheRepositoryBase<DirectoryEntry, DirectoryEntry.Key> {

    /** The rows of these care teams (team rows and clinician rows), by team then clinician. */
    public Uni<List<DirectoryEntry>> ofTeams(Collection<String> careTeams) {
        if (careTeams.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("careTeam in ?1 order by careTeam, clinician", careTeams);
    }

    /** One row, or null. */
    public Uni<DirectoryEntry> entry(String careTeam, String clinician) {
        return findById(new DirectoryEntry.Key(careTeam, clinician));
    }

    /** The care teams the patient's threads belong to. */
    public Uni<List<String>> teamsOfPatient(String patientId) {
        return Panache.getSession().chain(session -> session
                .createQuery("select distinct t.careTeam from MessageThread t where t.patientId = :patient", String.class)
                .setParameter("patient", patientId)
                .getResultList());
    }

    /** Every care team named in the directory. */
    public Uni<List<String>> allTeams() {
        return Panache.getSession().chain(session -> session
                .createQuery("select distinct e.careTeam from DirectoryEntry e", String.class)
                .getResultList());
    }
}
