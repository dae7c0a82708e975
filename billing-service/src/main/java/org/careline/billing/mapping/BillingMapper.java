package org.careline.billing.mapping;

import jakarta.enterprise.context.ApplicationScoped;
import org.careline.billing.Charge;
import org.careline.billing.Encounter;
import org.careline.billing.rest.ChargeResponse;
import org.careline.billing.rest.EncounterResponse;

import java.util.Arrays;
import java.util.List;

/** Encounters and charges to API records, in one place. */
@ApplicationScoped
public class BillingMapper {

    public EncounterResponse toResponse(Encounter e, int reevaluated) {
        List<String> codes = e.problemCodes == null ? List.of() : Arrays.asList(e.problemCodes.split(","));
        return new EncounterResponse(e.id.toString(), e.externalId, e.patientId, e.date, e.kind, codes,
                e.globalPeriodEnd, e.recordedAt, reevaluated);
    }

    public ChargeResponse toResponse(Charge c) {
        return new ChargeResponse(c.id.toString(), c.episodeId.toString(), c.patientId, c.billingGroup, c.status,
                c.code, c.codeFamily, c.minutes, c.reason, c.voidReason, c.serviceStart, c.serviceEnd, c.createdAt,
                c.updatedAt, c.submittedAt);
    }
}
