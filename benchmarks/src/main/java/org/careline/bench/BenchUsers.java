package org.careline.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The load-test users of the generated benchmark realm file, with their care teams. */
public record BenchUsers(List<Patient> patients, List<Clinician> clinicians, String auditor, String biller) {

    public record Patient(String username, String patientId, String careTeam) {
    }

    public record Clinician(String username, String careTeam) {
    }

    /** Reads at most {@code maxPatients} patients and {@code maxClinicians} clinicians (in file order). */
    public static BenchUsers read(Path realmFile, int maxPatients, int maxClinicians) {
        JsonNode realm;
        try {
            realm = Api.JSON.readTree(realmFile.toFile());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the benchmark realm " + realmFile
                    + " (build it: ./mvnw -f benchmarks/pom.xml process-classes)", e);
        }
        List<Patient> patients = new ArrayList<>();
        List<Clinician> clinicians = new ArrayList<>();
        String auditor = null;
        String biller = null;
        for (JsonNode u : realm.path("users")) {
            String name = u.path("username").asText();
            String role = u.path("realmRoles").path(0).asText();
            switch (role) {
                case "patient" -> {
                    if (patients.size() < maxPatients) {
                        patients.add(new Patient(name, u.path("attributes").path("patient_id").path(0).asText(),
                                u.path("attributes").path("care_team").path(0).asText()));
                    }
                }
                case "clinician" -> {
                    if (clinicians.size() < maxClinicians) {
                        // "/care-teams/<team>/physicians"
                        clinicians.add(new Clinician(name, u.path("groups").path(0).asText().split("/")[2]));
                    }
                }
                case "auditor" -> auditor = name;
                case "billing" -> biller = name;
                default -> {
                }
            }
        }
        if (patients.isEmpty() || clinicians.isEmpty() || auditor == null || biller == null) {
            throw new IllegalStateException("the benchmark realm " + realmFile + " lacks patients, clinicians, an auditor or a biller");
        }
        return new BenchUsers(List.copyOf(patients), List.copyOf(clinicians), auditor, biller);
    }

    /** The first clinician of a care team. */
    public Clinician clinicianOf(String careTeam) {
        return clinicians.stream().filter(c -> c.careTeam().equals(careTeam)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no benchmark clinician in care team " + careTeam));
    }
}
