package org.careline.messaging.service;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.events.AuditAction;
import org.careline.events.AuditOutcome;
import org.careline.messaging.OutOfOffice;
import org.careline.messaging.repository.OutOfOfficeRepository;
import org.careline.platform.problem.ProblemException;
import org.careline.platform.security.Caller;
import org.careline.platform.security.Roles;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Clinicians' away periods and delegates. A clinician manages their own periods, an admin anyone's.
 * While a period runs, messages addressed to the clinician go to the delegate (following the delegate's
 * own period too, a few hops at most, never in a circle). Each use case runs in {@link AuditedTransactions}:
 * a refusal (someone else's period) rolls back and leaves a DENIED audit record.
 */
@ApplicationScoped
public class OutOfOfficeService {

    static final int MAX_HOPS = 3;
    static final int MAX_LISTED = 100;
    static final String RESOURCE = "OutOfOffice";
    private static final String NOT_FOUND = "No out-of-office period with this id is visible to you.";

    private final OutOfOfficeRepository periods;
    private final AuditedTransactions transactions;
    private final Clock clock;

    public OutOfOfficeService(OutOfOfficeRepository periods, AuditedTransactions transactions, Clock clock) {
        this.periods = periods;
        this.transactions = transactions;
        this.clock = clock;
    }

    public Uni<OutOfOffice> create(Caller caller, NewOutOfOffice request) {
        return transactions.run(caller, () -> created(caller, owner(caller, request.clinician(), AuditAction.CREATE),
                request));
    }

    private Uni<OutOfOffice> created(Caller caller, String clinician, NewOutOfOffice request) {
        ZoneId zone = zone(request.timeZone());
        Instant startsAt = request.from().atZone(zone).toInstant();
        Instant endsAt = request.until().atZone(zone).toInstant();
        Instant now = clock.instant();
        if (!startsAt.isBefore(endsAt)) {
            throw ProblemException.badRequest("until must be after from.");
        }
        if (!endsAt.isAfter(now)) {
            throw ProblemException.badRequest("The period has already ended.");
        }
        if (request.delegate().equals(clinician)) {
            throw ProblemException.badRequest("The delegate must be someone else.");
        }
        OutOfOffice period = new OutOfOffice();
        period.id = UUID.randomUUID();
        period.clinicianId = clinician;
        period.delegateId = request.delegate();
        period.startsAt = startsAt;
        period.endsAt = endsAt;
        period.timeZone = zone.getId();
        period.createdBy = caller.username();
        period.createdAt = now;
        return periods.overlaps(clinician, startsAt, endsAt).chain(overlap -> {
            if (overlap) {
                throw ProblemException.conflict("This period overlaps another out-of-office period of the clinician.");
            }
            return periods.persist(period);
        }).invoke(() -> Log.infof("out-of-office %s of %s set by %s", period.id, clinician, caller.username()));
    }

    /** The periods of the caller (an admin: of {@code clinicianId}) that have not ended. */
    public Uni<List<OutOfOffice>> current(Caller caller, String clinicianId) {
        return transactions.run(caller, () -> periods.notEnded(owner(caller, clinicianId, AuditAction.QUERY),
                clock.instant(), MAX_LISTED));
    }

    /** Someone else's period answers 404 like a missing one, audited DENIED. */
    public Uni<Void> delete(Caller caller, UUID id) {
        return transactions.run(caller, () -> periods.findById(id).chain(period -> {
            if (period == null) {
                throw new Denied(ProblemException.notFound(NOT_FOUND), AuditAction.DELETE, RESOURCE, id.toString(),
                        null, AuditOutcome.FAILED);
            }
            if (!(isAdmin(caller) || period.clinicianId.equals(caller.username()))) {
                throw new Denied(ProblemException.notFound(NOT_FOUND), AuditAction.DELETE, RESOURCE, id.toString(),
                        null, AuditOutcome.DENIED);
            }
            return periods.delete(period);
        }));
    }

    /** Who handles what is addressed to {@code clinicianId} now. Call inside a session. */
    public Uni<Delegation> route(String clinicianId) {
        return route(clinicianId, clinicianId, clock.instant(), new HashSet<>(Set.of(clinicianId)), 0);
    }

    private Uni<Delegation> route(String addressed, String current, Instant now, Set<String> seen, int hops) {
        return periods.activeAt(current, now).chain(period -> {
            if (period == null || hops >= MAX_HOPS || !seen.add(period.delegateId)) {
                return Uni.createFrom().item(current.equals(addressed)
                        ? new Delegation(addressed, null) : new Delegation(current, addressed));
            }
            return route(addressed, period.delegateId, now, seen, hops + 1);
        });
    }

    private static String owner(Caller caller, String requested, AuditAction action) {
        if (isAdmin(caller)) {
            if (requested == null) {
                throw ProblemException.badRequest("clinician is required when an admin manages out-of-office periods.");
            }
            return requested;
        }
        if (!caller.hasRole(Roles.CLINICIAN)) {
            throw denied("Only clinicians set out-of-office periods.", action);
        }
        if (requested != null && !requested.equals(caller.username())) {
            throw denied("You can only manage your own out-of-office periods.", action);
        }
        return caller.username();
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw ProblemException.badRequest("timeZone is not an IANA time zone id such as America/Chicago.");
        }
    }

    private static Denied denied(String detail, AuditAction action) {
        return new Denied(ThreadAccessPolicy.forbidden(detail), action, RESOURCE, null, null, AuditOutcome.DENIED);
    }

    private static boolean isAdmin(Caller caller) {
        return caller.hasRole(Roles.ADMIN);
    }
}
