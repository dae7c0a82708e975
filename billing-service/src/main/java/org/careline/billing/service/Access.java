package org.careline.billing.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.billing.repository.TimeLogRepository;
import org.careline.platform.security.Caller;
import org.careline.platform.security.Roles;

import java.util.UUID;

/**
 * Who reads what in billing: the billing office and admins everything; a clinician, read-only, the
 * episodes and charges of work they logged time on.
 */
@ApplicationScoped
public class Access {

    private final TimeLogRepository timeLogs;

    public Access(TimeLogRepository timeLogs) {
        this.timeLogs = timeLogs;
    }

    /** Null for billing and admins (no restriction), else the clinician's user id to filter on. */
    public static String clinicianScope(Caller caller) {
        return caller.hasRole(Roles.BILLING) || caller.hasRole(Roles.ADMIN) ? null : caller.userId();
    }

    /** Whether the caller may read the episode. */
    public Uni<Boolean> mayRead(Caller caller, UUID episodeId) {
        String clinician = clinicianScope(caller);
        return clinician == null ? Uni.createFrom().item(true) : timeLogs.workedOn(clinician, episodeId);
    }
}
