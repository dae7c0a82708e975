package org.careline.messaging.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.careline.events.ParticipantRole;
import org.careline.messaging.MessageThread;
import org.careline.messaging.config.MessagingConfig;
import org.careline.platform.problem.ProblemException;
import org.careline.platform.security.Caller;
import org.careline.platform.security.Roles;

/**
 * Who may write and read which threads. Enforced here, in the service, whatever the gateway did.
 */
@ApplicationScoped
public class ThreadAccessPolicy {

    private final MessagingConfig config;

    public ThreadAccessPolicy(MessagingConfig config) {
        this.config = config;
    }

    /** Decides the authorship of a new thread, or refuses with a problem. */
    public Authorship authorship(Caller caller, NewThread request) {
        if (caller.isPatient()) {
            if (request.patientId() != null && !request.patientId().equals(caller.patientId())) {
                throw forbidden("A patient can only open threads about themselves.");
            }
            String team = firstNonBlank(request.careTeam(), caller.careTeam(), config.defaultCareTeam());
            return new Authorship(caller.patientId(), team, ParticipantRole.PATIENT);
        }
        if (caller.hasRole(Roles.CAREGIVER)) {
            // Proxy grants (scope, expiry) are managed by staff in a later increment; until then no
            // caregiver holds one, so none may write.
            throw new ProblemException(403, "proxy-grant-required", "Forbidden",
                    "Writing on a patient's behalf needs an active proxy grant.");
        }
        if (caller.isCareTeamMember()) {
            if (request.patientId() == null || request.patientId().isBlank()) {
                throw ProblemException.badRequest("patientId is required when a care-team member opens a thread.");
            }
            String team = request.careTeam() != null ? request.careTeam() : singleTeam(caller);
            if (!caller.belongsToCareTeam(team)) {
                throw forbidden("You can only write for a care team you belong to.");
            }
            ParticipantRole role = caller.hasRole(Roles.CLINICIAN) ? ParticipantRole.CLINICIAN : ParticipantRole.STAFF;
            return new Authorship(request.patientId(), team, role);
        }
        throw forbidden("Your role does not allow opening threads.");
    }

    /** Whether the caller may read this thread: the patient themselves, or the owning care team. */
    public boolean canRead(Caller caller, MessageThread thread) {
        if (caller.isPatient()) {
            return caller.patientId().equals(thread.patientId);
        }
        return caller.belongsToCareTeam(thread.careTeam);
    }

    private static String singleTeam(Caller caller) {
        return caller.careTeams().size() == 1 ? caller.careTeams().iterator().next() : null;
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private static ProblemException forbidden(String detail) {
        return new ProblemException(403, "forbidden", "Forbidden", detail);
    }
}
