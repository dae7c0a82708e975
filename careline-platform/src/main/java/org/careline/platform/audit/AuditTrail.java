package org.careline.platform.audit;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.events.AccessRecorded;
import org.careline.events.AuditAction;
import org.careline.events.AuditOutcome;
import org.careline.events.EventType;
import org.careline.platform.outbox.Outbox;
import org.careline.platform.outbox.OutboxConfig;
import org.careline.platform.security.Caller;

import java.time.Clock;

/**
 * Records accesses to patient data as audit events, through the transactional outbox so that a
 * Kafka outage delays audit records but never loses them. Call inside the transaction of the access.
 */
@ApplicationScoped
public class AuditTrail {

    /** HL7 v3 PurposeOfUse of an access under a break-the-glass grant (emergency treatment). */
    public static final String EMERGENCY_TREATMENT = "ETREAT";

    private final Outbox outbox;
    private final OutboxConfig config;
    private final Clock clock;

    public AuditTrail(Outbox outbox, OutboxConfig config, Clock clock) {
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    /**
     * @param resourceId the resource's id; for a denied access, the id that was asked for
     * @param patientId  whose data; null when unknown (e.g. a denied read of someone else's thread)
     */
    public Uni<Void> record(Caller caller, AuditAction action, String resourceType, String resourceId,
                            String patientId, AuditOutcome outcome) {
        return record(caller, action, resourceType, resourceId, patientId, outcome, caller.purposeOfUse());
    }

    /**
     * As {@link #record(Caller, AuditAction, String, String, String, AuditOutcome)}, with an explicit HL7 v3
     * PurposeOfUse instead of the one implied by the caller's role: {@link #EMERGENCY_TREATMENT} for an access
     * under a break-the-glass grant.
     */
    public Uni<Void> record(Caller caller, AuditAction action, String resourceType, String resourceId,
                            String patientId, AuditOutcome outcome, String purposeOfUse) {
        AccessRecorded record = new AccessRecorded(serviceName(), caller.userId(), caller.username(),
                caller.primaryRole(), caller.clientId(), caller.address(), action, resourceType, resourceId,
                patientId, purposeOfUse, outcome, caller.requestId(), clock.instant());
        String subject = resourceId != null ? resourceType + "/" + resourceId : resourceType;
        String key = patientId != null ? patientId : subject;
        return outbox.append(EventType.ACCESS_RECORDED, subject, key, record)
                .replaceWithVoid();
    }

    private String serviceName() {
        String source = config.source();
        return source.substring(source.lastIndexOf('/') + 1);
    }
}
