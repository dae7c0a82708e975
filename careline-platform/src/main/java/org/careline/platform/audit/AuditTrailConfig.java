package org.careline.platform.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the platform's audit emission (prefix {@code careline.audit-trail}). */
@ConfigMapping(prefix = "careline.audit-trail")
public interface AuditTrailConfig {

    /** Whether requests refused by a role check ({@code @RolesAllowed}, 403) are audited as DENIED. */
    @WithDefault("true")
    boolean recordForbidden();

    /**
     * Whether requests refused for lack of a valid token (401) on a secured endpoint are audited as DENIED by
     * user {@code anonymous}: failed log-ins are security-relevant, but an internet-facing deployment that is
     * flooded with anonymous calls may turn it off.
     */
    @WithDefault("true")
    boolean recordUnauthenticated();
}
