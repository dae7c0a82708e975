package org.careline.messaging.mapping;

import jakarta.enterprise.context.ApplicationScoped;
import org.careline.messaging.service.DirectoryView;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The directory as FHIR R4: a {@code HealthcareService} per care team (secure messaging to the team) and a
 * {@code PractitionerRole} per clinician of a team. Standard elements where FHIR has them: {@code telecom} (system
 * {@code url}: the threads API) with {@code rank} 1 while messages are accepted, {@code notAvailable} for "not
 * accepting secure messages" and for a running out-of-office period ({@code during.end}),
 * {@code availabilityExceptions} for the expected turnaround in words. Two documented extensions carry what FHIR has no
 * element for: {@link #ACCEPTS_MESSAGES} (boolean) and {@link #TURNAROUND} (Duration in hours, UCUM {@code h}).
 */
@ApplicationScoped
public class FhirDirectoryMapper {

    /** Whether the team or clinician accepts secure messages now (boolean), on HealthcareService/PractitionerRole. */
    public static final String ACCEPTS_MESSAGES = "https://careline.dev/fhir/StructureDefinition/accepts-secure-messages";
    /** The expected answer time (Duration, hours), on HealthcareService/PractitionerRole. */
    public static final String TURNAROUND = "https://careline.dev/fhir/StructureDefinition/expected-turnaround";
    static final String CARE_TEAM_SYSTEM = "https://careline.dev/fhir/NamingSystem/care-team";
    static final String USERNAME_SYSTEM = "https://careline.dev/fhir/NamingSystem/username";
    static final String SERVICE_TYPE_SYSTEM = "https://careline.dev/fhir/CodeSystem/service-type";
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    public Bundle services(String base, String self, List<DirectoryView.Team> teams) {
        Bundle bundle = bundle(self);
        teams.forEach(team -> add(bundle, base, "HealthcareService", service(base, team)));
        bundle.setTotal(bundle.getEntry().size());
        return bundle;
    }

    public Bundle roles(String base, String self, List<DirectoryView.Team> teams) {
        Bundle bundle = bundle(self);
        for (DirectoryView.Team team : teams) {
            team.clinicians().forEach(c -> add(bundle, base, "PractitionerRole", role(base, team, c)));
        }
        bundle.setTotal(bundle.getEntry().size());
        return bundle;
    }

    HealthcareService service(String base, DirectoryView.Team team) {
        HealthcareService service = new HealthcareService();
        service.setId(id(team.careTeam()));
        service.addIdentifier(new Identifier().setSystem(CARE_TEAM_SYSTEM).setValue(team.careTeam()));
        service.setActive(true);
        service.setName(team.displayName() != null ? team.displayName() : team.careTeam());
        service.addType(new CodeableConcept(new Coding(SERVICE_TYPE_SYSTEM, "secure-messaging", "Secure messaging")));
        service.addTelecom(telecom(base, team.acceptsMessages()));
        service.setAvailabilityExceptions(availability(team.acceptsMessages(), team.expectedTurnaround()));
        if (!team.acceptsMessages()) {
            service.addNotAvailable().setDescription("Not accepting secure messages; please call the office.");
        }
        service.addExtension(new Extension(ACCEPTS_MESSAGES, new BooleanType(team.acceptsMessages())));
        if (team.turnaroundHours() != null) {
            service.addExtension(new Extension(TURNAROUND, hours(team.turnaroundHours())));
        }
        return service;
    }

    PractitionerRole role(String base, DirectoryView.Team team, DirectoryView.Clinician clinician) {
        PractitionerRole role = new PractitionerRole();
        role.setId(id(team.careTeam() + "." + clinician.username()));
        role.addIdentifier(new Identifier().setSystem(USERNAME_SYSTEM).setValue(clinician.username()));
        role.setActive(true);
        role.setPractitioner(new Reference().setDisplay(clinician.displayName() != null ? clinician.displayName()
                : clinician.username()).setIdentifier(new Identifier().setSystem(USERNAME_SYSTEM)
                .setValue(clinician.username())));
        role.addHealthcareService(new Reference("HealthcareService/" + id(team.careTeam())));
        if (clinician.credential() != null) {
            role.addCode().setText(clinician.credential());
        }
        role.addTelecom(telecom(base, clinician.acceptsMessages()));
        role.setAvailabilityExceptions(availability(clinician.acceptsMessages(), clinician.expectedTurnaround()));
        if (!clinician.acceptsMessages()) {
            role.addNotAvailable().setDescription("Not accepting secure messages; write to the care team.");
        }
        if (clinician.outOfOffice() != null) {
            role.addNotAvailable()
                    .setDescription("Out of office; messages go to the care team"
                            + (clinician.outOfOffice().delegate() != null ? " (covered by "
                            + clinician.outOfOffice().delegate() + ")" : "") + ".")
                    .setDuring(new Period().setEnd(Date.from(clinician.outOfOffice().until())));
        }
        role.addExtension(new Extension(ACCEPTS_MESSAGES, new BooleanType(clinician.acceptsMessages())));
        if (clinician.turnaroundHours() != null) {
            role.addExtension(new Extension(TURNAROUND, hours(clinician.turnaroundHours())));
        }
        return role;
    }

    private static ContactPoint telecom(String base, boolean accepts) {
        ContactPoint telecom = new ContactPoint().setSystem(ContactPoint.ContactPointSystem.URL)
                .setValue(base.replaceFirst("/fhir$", "") + "/threads");
        if (accepts) {
            telecom.setRank(1);
        }
        return telecom;
    }

    private static String availability(boolean accepts, String turnaround) {
        return accepts ? "Secure messages are answered within " + turnaround + "."
                : "Not accepting secure messages now.";
    }

    private static Duration hours(int hours) {
        Duration duration = new Duration();
        duration.setValue(hours).setUnit("h").setSystem("http://unitsofmeasure.org").setCode("h");
        return duration;
    }

    private static Bundle bundle(String self) {
        Bundle bundle = new Bundle();
        bundle.setType(Bundle.BundleType.SEARCHSET);
        bundle.addLink().setRelation("self").setUrl(self);
        return bundle;
    }

    private static void add(Bundle bundle, String base, String type, Resource resource) {
        bundle.addEntry().setFullUrl(base + "/" + type + "/" + resource.getIdElement().getIdPart())
                .setResource(resource).getSearch().setMode(Bundle.SearchEntryMode.MATCH);
    }

    /** A FHIR id: the name itself when it is one, else a stable hash of it. */
    static String id(String name) {
        if (FHIR_ID.matcher(name).matches()) {
            return name;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return "h-" + HexFormat.of().formatHex(hash, 0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
