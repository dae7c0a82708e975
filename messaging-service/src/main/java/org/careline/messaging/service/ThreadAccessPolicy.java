package org.careline.messaging.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.careline.events.AuditAction;
import org.careline.events.AuditOutcome;
import org.careline.events.ParticipantRole;
import org.careline.messaging.MessageThread;
import org.careline.messaging.ProxyScope;
import org.careline.messaging.config.MessagingConfig;
import org.careline.platform.problem.ProblemException;
import org.careline.platform.security.Caller;
import org.careline.platform.security.Roles;

import java.util.Optional;

/**
 * Who may write and read which threads. Enforced here, in the service, whatever the gateway did.
 * <ul>
 *   <li>a patient: their own threads ({@code patient_id} claim);</li>
 *   <li>a caregiver: the patients of their live proxy grants (READ, or READ_WRITE to write);</li>
 *   <li>clinicians and staff: their care teams' threads and threads addressed to them; a clinician also,
 *       read only, the threads of a patient under a live break-the-glass grant;</li>
 *   <li>billing, auditor and admin roles: no threads at all (403, audited): they learn what they need
 *       from events that carry no message text.</li>
 * </ul>
 */
@ApplicationScoped
public class ThreadAccessPolicy {

    static final String THREAD = "Thread";
    static final String NOT_FOUND = "No thread with this id is visible to you.";

    private final MessagingConfig config;

    public ThreadAccessPolicy(MessagingConfig config) {
        this.config = config;
    }

    /** Whether the caller's roles allow using threads at all. */
    public boolean usesThreads(Caller caller) {
        return caller.isPatient() || caller.hasRole(Roles.CAREGIVER) || caller.isCareTeamMember();
    }

    /** Refuses (audited) a caller whose roles do not use threads. */
    public void requireThreadRole(Caller caller, AuditAction action, String resourceId, String patientId) {
        if (!usesThreads(caller)) {
            throw new Denied(forbidden("Your role does not give access to messages."), action, THREAD, resourceId,
                    patientId, AuditOutcome.DENIED);
        }
    }

    /** How the caller reaches the thread, if at all; the most ordinary way first. */
    public Optional<Reach> reach(CallerScope scope, MessageThread thread) {
        Caller caller = scope.caller();
        if (caller.isPatient()) {
            return caller.patientId().equals(thread.patientId) ? Optional.of(Reach.PATIENT) : Optional.empty();
        }
        if (caller.hasRole(Roles.CAREGIVER)) {
            ProxyScope proxy = scope.proxyPatients().get(thread.patientId);
            if (proxy != null) {
                return Optional.of(proxy.allowsWriting() ? Reach.PROXY_WRITE : Reach.PROXY_READ);
            }
        }
        if (caller.isCareTeamMember()) {
            if (caller.belongsToCareTeam(thread.careTeam)) {
                return Optional.of(Reach.CARE_TEAM);
            }
            if (thread.addressedTo != null && thread.addressedTo.equals(caller.username())) {
                return Optional.of(Reach.ADDRESSED);
            }
            if (caller.hasRole(Roles.CLINICIAN) && scope.breakGlassPatients().contains(thread.patientId)) {
                return Optional.of(Reach.BREAK_GLASS);
            }
        }
        return Optional.empty();
    }

    /** The caller as audit records must show them for an access through {@code reach}. */
    public Caller auditedAs(Caller caller, Reach reach) {
        return reach == Reach.BREAK_GLASS ? caller.withPurposeOfUse(Reach.EMERGENCY_TREATMENT) : caller;
    }

    /** Decides the authorship of a new thread, or refuses (audited) with a problem. */
    public Authorship authorship(CallerScope scope, NewThread request) {
        Caller caller = scope.caller();
        if (caller.isPatient()) {
            if (request.patientId() != null && !request.patientId().equals(caller.patientId())) {
                throw denied(forbidden("A patient can only open threads about themselves."), request.patientId());
            }
            String team = firstNonBlank(request.careTeam(), caller.careTeam(), config.defaultCareTeam());
            return new Authorship(caller.patientId(), team, ParticipantRole.PATIENT);
        }
        if (caller.hasRole(Roles.CAREGIVER)) {
            if (isBlank(request.patientId())) {
                throw ProblemException.badRequest("patientId is required when a caregiver opens a thread.");
            }
            ProxyScope proxy = scope.proxyPatients().get(request.patientId());
            if (proxy == null || !proxy.allowsWriting()) {
                throw denied(new ProblemException(403, "proxy-grant-required", "Forbidden",
                        "Writing on a patient's behalf needs an active read-write proxy grant."), request.patientId());
            }
            String team = firstNonBlank(request.careTeam(), config.defaultCareTeam());
            return new Authorship(request.patientId(), team, ParticipantRole.CAREGIVER);
        }
        if (caller.isCareTeamMember()) {
            if (isBlank(request.patientId())) {
                throw ProblemException.badRequest("patientId is required when a care-team member opens a thread.");
            }
            String team = request.careTeam() != null ? request.careTeam() : singleTeam(caller);
            if (!caller.belongsToCareTeam(team)) {
                throw denied(forbidden("You can only write for a care team you belong to."), request.patientId());
            }
            return new Authorship(request.patientId(), team, participantRole(caller));
        }
        throw denied(forbidden("Your role does not allow opening threads."), request.patientId());
    }

    /** The role a caller takes part in a thread with. */
    public ParticipantRole participantRole(Caller caller) {
        if (caller.isPatient()) {
            return ParticipantRole.PATIENT;
        }
        if (caller.hasRole(Roles.CAREGIVER) && !caller.isCareTeamMember()) {
            return ParticipantRole.CAREGIVER;
        }
        return caller.hasRole(Roles.CLINICIAN) ? ParticipantRole.CLINICIAN : ParticipantRole.STAFF;
    }

    static ProblemException forbidden(String detail) {
        return new ProblemException(403, "forbidden", "Forbidden", detail);
    }

    static ProblemException notFound() {
        return ProblemException.notFound(NOT_FOUND);
    }

    private static Denied denied(ProblemException problem, String patientId) {
        return new Denied(problem, AuditAction.CREATE, THREAD, null, patientId, AuditOutcome.DENIED);
    }

    private static String singleTeam(Caller caller) {
        return caller.careTeams().size() == 1 ? caller.careTeams().iterator().next() : null;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (!isBlank(value)) {
                return value;
            }
        }
        return null;
    }
}
