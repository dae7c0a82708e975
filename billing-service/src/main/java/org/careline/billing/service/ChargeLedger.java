package org.careline.billing.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.billing.Charge;
import org.careline.billing.ChargeStatus;
import org.careline.billing.Episode;
import org.careline.billing.EpisodeStatus;
import org.careline.billing.repository.ChargeRepository;
import org.careline.billing.rules.Decision;
import org.careline.events.AuditAction;
import org.careline.events.AuditOutcome;
import org.careline.events.ChargeChanged;
import org.careline.events.EventType;
import org.careline.platform.audit.AuditTrail;
import org.careline.platform.outbox.Outbox;
import org.careline.platform.security.Caller;
import org.careline.platform.security.Roles;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The one place charges change state. Every change writes a {@code charge-changed} event to the outbox and
 * an audit record, in the caller's transaction.
 */
@ApplicationScoped
public class ChargeLedger {

    /** The service itself, as the actor of scheduled decisions and event-driven changes. */
    public static final Caller SYSTEM = new Caller("billing-service", "billing-service", Set.of(Roles.BILLING), null,
            null, null, Set.of(), "billing-service", null, null);

    static final String RESOURCE = "Charge";

    private final ChargeRepository charges;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final ObjectMapper json;

    public ChargeLedger(ChargeRepository charges, Outbox outbox, AuditTrail audit, ObjectMapper json) {
        this.charges = charges;
        this.outbox = outbox;
        this.audit = audit;
        this.json = json;
    }

    /** The PENDING charge of an episode whose window just opened. */
    public Uni<Charge> open(Episode episode, Instant now) {
        Charge charge = new Charge();
        charge.id = UUID.randomUUID();
        charge.episodeId = episode.id;
        charge.patientId = episode.patientId;
        charge.billingGroup = episode.billingGroup;
        charge.status = ChargeStatus.PENDING;
        charge.serviceStart = episode.openedAt;
        charge.serviceEnd = episode.windowEnd;
        charge.createdAt = now;
        charge.updatedAt = now;
        return charges.persist(charge)
                .call(c -> announce(c, null, SYSTEM, AuditAction.CREATE));
    }

    /**
     * Applies a decision to the episode and its charge (created when missing). A ready or held charge
     * that a late fact makes not billable becomes VOID with the reason. Announces only real changes.
     *
     * @return whether the charge changed
     */
    public Uni<Boolean> apply(Episode episode, Decision decision, Instant now, Caller caller) {
        return charges.findByEpisode(episode.id).chain(existing -> {
            ChargeStatus previous = existing == null ? null : existing.status;
            ChargeStatus target = switch (decision.outcome()) {
                case BILLABLE -> ChargeStatus.READY;
                case HELD -> ChargeStatus.HELD;
                case NOT_BILLABLE -> previous == ChargeStatus.READY || previous == ChargeStatus.HELD
                        ? ChargeStatus.VOID : ChargeStatus.NOT_BILLABLE;
            };
            episode.status = EpisodeStatus.valueOf(target.name());
            episode.code = decision.code();
            episode.codeFamily = decision.family();
            episode.reason = decision.reason();
            episode.totalMinutes = decision.minutes();
            episode.decidedAt = now;
            episode.trace = traceJson(decision);
            episode.updatedAt = now;

            Charge charge = existing != null ? existing : newCharge(episode, now);
            boolean changed = existing == null || previous != target || !Objects.equals(charge.code, decision.code())
                    || charge.reason != decision.reason() || charge.minutes != decision.minutes();
            if (!changed) {
                return Uni.createFrom().item(false);
            }
            charge.status = target;
            charge.code = decision.code();
            charge.codeFamily = decision.family();
            charge.minutes = decision.minutes();
            charge.reason = decision.reason();
            charge.performerIds = decision.clinicians().isEmpty() ? null : String.join(",", decision.clinicians());
            charge.updatedAt = now;
            Log.infof("charge %s of episode %s: %s -> %s %s", charge.id, episode.id, previous, target,
                    decision.code() != null ? decision.code() : decision.reason());
            Uni<Charge> saved = existing == null ? charges.persist(charge) : Uni.createFrom().item(charge);
            return saved.call(c -> announce(c, previous, caller,
                    existing == null ? AuditAction.CREATE : AuditAction.UPDATE)).replaceWith(true);
        });
    }

    /** Moves a charge to {@code target} by a person's action (submit, void). */
    public Uni<Charge> transition(Charge charge, ChargeStatus target, Instant now, Caller caller) {
        ChargeStatus previous = charge.status;
        charge.status = target;
        charge.updatedAt = now;
        if (target == ChargeStatus.SUBMITTED) {
            charge.submittedAt = now;
        }
        return announce(charge, previous, caller, AuditAction.UPDATE).replaceWith(charge);
    }

    private Uni<Void> announce(Charge charge, ChargeStatus previous, Caller caller, AuditAction action) {
        ChargeChanged payload = new ChargeChanged(charge.id.toString(), charge.episodeId.toString(), charge.patientId,
                charge.status.name(), previous == null ? null : previous.name(), charge.code, charge.minutes,
                charge.voidReason != null ? charge.voidReason.name() : charge.reason != null ? charge.reason.name() : null,
                charge.updatedAt);
        return outbox.append(EventType.CHARGE_CHANGED, RESOURCE + "/" + charge.id, charge.id.toString(), payload)
                .chain(() -> audit.record(caller, action, RESOURCE, charge.id.toString(), charge.patientId,
                        AuditOutcome.SUCCESS));
    }

    private static Charge newCharge(Episode episode, Instant now) {
        Charge charge = new Charge();
        charge.id = UUID.randomUUID();
        charge.episodeId = episode.id;
        charge.patientId = episode.patientId;
        charge.billingGroup = episode.billingGroup;
        charge.serviceStart = episode.openedAt;
        charge.serviceEnd = episode.windowEnd;
        charge.createdAt = now;
        return charge;
    }

    private String traceJson(Decision decision) {
        try {
            return json.writeValueAsString(decision.trace());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a rule trace", e);
        }
    }
}
