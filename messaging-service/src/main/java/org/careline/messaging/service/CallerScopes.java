package org.careline.messaging.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.messaging.ProxyGrant;
import org.careline.messaging.ProxyScope;
import org.careline.messaging.repository.BreakGlassGrantRepository;
import org.careline.messaging.repository.ProxyGrantRepository;
import org.careline.platform.security.Caller;
import org.careline.platform.security.Roles;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Loads the grants live for a caller now. Call inside a session. */
@ApplicationScoped
public class CallerScopes {

    private final ProxyGrantRepository proxyGrants;
    private final BreakGlassGrantRepository breakGlassGrants;
    private final Clock clock;

    public CallerScopes(ProxyGrantRepository proxyGrants, BreakGlassGrantRepository breakGlassGrants, Clock clock) {
        this.proxyGrants = proxyGrants;
        this.breakGlassGrants = breakGlassGrants;
        this.clock = clock;
    }

    public Uni<CallerScope> of(Caller caller) {
        Instant now = clock.instant();
        Uni<Map<String, ProxyScope>> proxies = caller.hasRole(Roles.CAREGIVER) && caller.username() != null
                ? proxyGrants.liveFor(caller.username(), now).map(CallerScopes::widest)
                : Uni.createFrom().item(Map.of());
        return proxies.chain(proxy -> (caller.hasRole(Roles.CLINICIAN)
                        ? breakGlassGrants.livePatientsOf(caller.userId(), now)
                        : Uni.createFrom().item(Set.<String>of()))
                .map(breakGlass -> new CallerScope(caller, proxy, breakGlass)));
    }

    private static Map<String, ProxyScope> widest(List<ProxyGrant> grants) {
        Map<String, ProxyScope> byPatient = new HashMap<>();
        for (ProxyGrant grant : grants) {
            byPatient.merge(grant.patientId, grant.scope, (a, b) -> a.allowsWriting() ? a : b);
        }
        return Map.copyOf(byPatient);
    }
}
