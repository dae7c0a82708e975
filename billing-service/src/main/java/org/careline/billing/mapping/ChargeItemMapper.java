package org.careline.billing.mapping;

import ca.uhn.fhir.context.FhirContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.billing.Charge;
import org.hl7.fhir.r4.model.ChargeItem;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;

import java.util.Date;

/**
 * A charge as a FHIR R4 {@code ChargeItem} (what e.g. Oracle Health's {@code ChargeItem/$create} takes): the
 * CPT code, one unit, the patient by identifier, the 7-day window as the occurrence period, the clinicians
 * whose time counted as performers. No place of
 * service and no modifier: online digital E/M is not telehealth (no POS 02/10, no modifier 95).
 */
@ApplicationScoped
public class ChargeItemMapper {

    public static final String CPT = "http://www.ama-assn.org/go/cpt";
    public static final String CHARGE_IDS = "https://careline.dev/fhir/sid/charge";
    public static final String PATIENT_IDS = "https://careline.dev/fhir/sid/patient";
    /** The identity provider's subject ids of clinicians. */
    public static final String USER_IDS = "https://careline.dev/fhir/sid/user";

    private final FhirContext fhir;

    public ChargeItemMapper(FhirContext fhir) {
        this.fhir = fhir;
    }

    /** The ChargeItem; the charge must have a code. */
    public ChargeItem toChargeItem(Charge c) {
        ChargeItem item = new ChargeItem();
        item.setId(c.id.toString());
        item.addIdentifier(new Identifier().setSystem(CHARGE_IDS).setValue(c.id.toString()));
        item.setStatus(status(c));
        item.setCode(new CodeableConcept().addCoding(new Coding().setSystem(CPT).setCode(c.code)));
        item.setSubject(new Reference().setType("Patient")
                .setIdentifier(new Identifier().setSystem(PATIENT_IDS).setValue(c.patientId)));
        item.setOccurrence(new Period().setStart(Date.from(c.serviceStart)).setEnd(Date.from(c.serviceEnd)));
        if (c.performerIds != null) {
            for (String userId : c.performerIds.split(",")) {
                item.addPerformer().setActor(new Reference().setType("Practitioner")
                        .setIdentifier(new Identifier().setSystem(USER_IDS).setValue(userId)));
            }
        }
        item.setQuantity(new Quantity().setValue(1));
        item.setEnteredDate(Date.from(c.updatedAt));
        return item;
    }

    public String toJson(Charge c) {
        return fhir.newJsonParser().encodeResourceToString(toChargeItem(c));
    }

    private static ChargeItem.ChargeItemStatus status(Charge c) {
        return switch (c.status) {
            case PENDING, HELD -> ChargeItem.ChargeItemStatus.PLANNED;
            case READY -> ChargeItem.ChargeItemStatus.BILLABLE;
            case SUBMITTED -> ChargeItem.ChargeItemStatus.BILLED;
            case VOID -> ChargeItem.ChargeItemStatus.ABORTED;
            case NOT_BILLABLE -> ChargeItem.ChargeItemStatus.NOTBILLABLE;
        };
    }
}
