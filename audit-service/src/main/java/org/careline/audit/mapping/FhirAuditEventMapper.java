package org.careline.audit.mapping;

import jakarta.enterprise.context.ApplicationScoped;
import org.careline.audit.AuditRecord;
import org.careline.events.AuditAction;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentNetworkType;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;

import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Stored records as FHIR R4 {@code AuditEvent}s shaped after IHE BALP (Basic Audit Log Patterns): a RESTful
 * operation typed by its interaction, the user as the requesting agent (with role, network address and purpose
 * of use), the OAuth client as a second agent, the reporting service as source, the accessed resource as an
 * entity and, for patient-specific events, the patient entity. A break-the-glass grant is the DICOM security
 * alert 110113 / emergency override started 110127 with purpose ETREAT. The profiles are followed, not claimed
 * in {@code meta.profile}: that would need the BALP package at validation time.
 */
@ApplicationScoped
public class FhirAuditEventMapper {

    static final String DCM = "http://dicom.nema.org/resources/ontology/DCM";
    static final String AUDIT_EVENT_TYPE = "http://terminology.hl7.org/CodeSystem/audit-event-type";
    static final String RESTFUL_INTERACTION = "http://hl7.org/fhir/restful-interaction";
    static final String ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
    static final String OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role";
    static final String SOURCE_TYPE = "http://terminology.hl7.org/CodeSystem/security-source-type";
    static final String PURPOSE_OF_USE = "http://terminology.hl7.org/CodeSystem/v3-ActReason";
    static final String PARTICIPATION = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
    static final String USERS = "urn:careline:user";
    static final String CLIENTS = "urn:careline:client";
    static final String PATIENTS = "urn:careline:patient";
    static final String REQUESTS = "urn:careline:request";
    static final String RESOURCES = "urn:careline:resource:";
    /** The resource type of the record written when a break-the-glass grant is made. */
    public static final String BREAK_GLASS_RESOURCE = "BreakGlassGrant";

    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    public AuditEvent toFhir(AuditRecord r) {
        AuditEvent event = new AuditEvent();
        if (FHIR_ID.matcher(r.eventId).matches()) {
            event.setId(r.eventId);
        }
        boolean breakGlass = BREAK_GLASS_RESOURCE.equals(r.resourceType) && r.action == AuditAction.CREATE;
        if (breakGlass) {
            event.setType(new Coding(DCM, "110113", "Security Alert"));
            event.addSubtype(new Coding(DCM, "110127", "Emergency Override Started"));
        } else {
            event.setType(new Coding(AUDIT_EVENT_TYPE, "rest", "RESTful Operation"));
            event.addSubtype(interaction(r));
        }
        event.setAction(action(r.action));
        event.setRecorded(Date.from(r.occurredAt));
        event.setOutcome(switch (r.outcome) {
            case SUCCESS -> AuditEventOutcome._0;
            case DENIED -> AuditEventOutcome._4;
            case FAILED -> AuditEventOutcome._8;
        });
        if (r.outcome != org.careline.events.AuditOutcome.SUCCESS) {
            event.setOutcomeDesc(r.outcome.name().toLowerCase());
        }
        if (r.purposeOfUse != null) {
            event.addPurposeOfEvent(new CodeableConcept(new Coding(PURPOSE_OF_USE, r.purposeOfUse, null)));
        }
        event.addAgent(user(r));
        if (r.clientId != null) {
            event.addAgent(new AuditEventAgentComponent()
                    .setType(new CodeableConcept(new Coding(DCM, "110150", "Application")))
                    .setWho(new Reference().setIdentifier(new Identifier().setSystem(CLIENTS).setValue(r.clientId)))
                    .setRequestor(false));
        }
        event.getSource()
                .setSite(r.sourceService)
                .setObserver(new Reference().setDisplay(r.sourceService)
                        .setIdentifier(new Identifier().setSystem("urn:careline:service").setValue(r.sourceService)))
                .addType(new Coding(SOURCE_TYPE, "4", "Application Server"));
        event.addEntity(resource(r));
        if (r.patientId != null) {
            event.addEntity(patient(r.patientId));
        }
        if (r.requestId != null) {
            event.addEntity(new AuditEventEntityComponent()
                    .setWhat(new Reference().setIdentifier(new Identifier().setSystem(REQUESTS).setValue(r.requestId)))
                    .setType(new Coding(ENTITY_TYPE, "2", "System Object"))
                    .setDescription("request id"));
        }
        return event;
    }

    /** A FHIR searchset Bundle of one page; {@code nextUrl} is the link to the next page, null on the last. */
    public Bundle toBundle(List<AuditRecord> records, String selfUrl, String nextUrl) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        bundle.addLink().setRelation("self").setUrl(selfUrl);
        if (nextUrl != null) {
            bundle.addLink().setRelation("next").setUrl(nextUrl);
        }
        for (AuditRecord record : records) {
            AuditEvent event = toFhir(record);
            bundle.addEntry().setResource(event).setFullUrl("urn:uuid:" + record.eventId)
                    .getSearch().setMode(Bundle.SearchEntryMode.MATCH);
        }
        return bundle;
    }

    private static AuditEventAgentComponent user(AuditRecord r) {
        AuditEventAgentComponent agent = new AuditEventAgentComponent()
                .setType(new CodeableConcept(new Coding(PARTICIPATION, "IRCP", "information recipient")))
                .setWho(new Reference().setIdentifier(new Identifier().setSystem(USERS).setValue(r.userId)))
                .setRequestor(true);
        if (r.username != null) {
            agent.setAltId(r.username);
            agent.getWho().setDisplay(r.username);
        }
        if (r.role != null) {
            agent.addRole(new CodeableConcept().setText(r.role));
        }
        if (r.purposeOfUse != null) {
            agent.addPurposeOfUse(new CodeableConcept(new Coding(PURPOSE_OF_USE, r.purposeOfUse, null)));
        }
        if (r.sourceAddress != null) {
            agent.getNetwork().setAddress(r.sourceAddress).setType(AuditEventAgentNetworkType._2);
        }
        return agent;
    }

    private static AuditEventEntityComponent resource(AuditRecord r) {
        Reference what = new Reference().setDisplay(r.resourceType);
        if (r.resourceId != null) {
            what.setIdentifier(new Identifier().setSystem(RESOURCES + r.resourceType).setValue(r.resourceId));
        }
        return new AuditEventEntityComponent()
                .setWhat(what)
                .setType(new Coding(ENTITY_TYPE, "2", "System Object"))
                .setRole(new Coding(OBJECT_ROLE, "4", "Domain Resource"));
    }

    private static AuditEventEntityComponent patient(String patientId) {
        Reference what = FHIR_ID.matcher(patientId).matches()
                ? new Reference("Patient/" + patientId)
                : new Reference();
        what.setIdentifier(new Identifier().setSystem(PATIENTS).setValue(patientId));
        return new AuditEventEntityComponent()
                .setWhat(what)
                .setType(new Coding(ENTITY_TYPE, "1", "Person"))
                .setRole(new Coding(OBJECT_ROLE, "1", "Patient"));
    }

    private static Coding interaction(AuditRecord r) {
        String code = switch (r.action) {
            case CREATE -> "create";
            case READ -> "read";
            case UPDATE -> "update";
            case DELETE -> "delete";
            case QUERY, EXPORT -> "search-type";
            case LOGIN -> "operation";
        };
        return new Coding(RESTFUL_INTERACTION, code, null);
    }

    private static AuditEventAction action(AuditAction action) {
        return switch (action) {
            case CREATE -> AuditEventAction.C;
            case READ, EXPORT -> AuditEventAction.R;
            case UPDATE -> AuditEventAction.U;
            case DELETE -> AuditEventAction.D;
            case QUERY, LOGIN -> AuditEventAction.E;
        };
    }
}
