package org.careline.audit.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.careline.platform.security.Caller;
import org.careline.platform.security.Roles;

/**
 * Who may read the audit trail. Enforced here, in the service, so that a refused attempt is itself
 * audited (an {@code @RolesAllowed} refusal would happen before any code of ours runs).
 */
@ApplicationScoped
public class AuditAccessPolicy {

    /** Only auditors (compliance) read audit records; administrators do not, by separation of duties. */
    public boolean mayQuery(Caller caller) {
        return caller.hasRole(Roles.AUDITOR);
    }
}
