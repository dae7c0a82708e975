package org.careline.platform.audit;

import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.careline.platform.problem.ProblemMappers;
import org.careline.platform.problem.RequestIds;
import org.careline.platform.security.Caller;
import org.careline.platform.security.CurrentCaller;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import java.util.Set;

/**
 * Audits every request a role check refuses, in every service that uses this library: a 403 from
 * {@code @RolesAllowed} (or any {@link ForbiddenException}) and, unless turned off, a 401 on a secured endpoint,
 * become DENIED audit records through the outbox, then the usual problem+json answer. They take precedence
 * over {@link ProblemMappers}' plain mappers for the same exceptions. Refusals a service decides itself
 * (care-team scope, own data only) are audited by that service with {@link AuditTrail#record}.
 * <p>
 * If the record cannot be written the refusal still stands (the answer is the same 403/401) and the failure
 * is logged without data.
 */
public class DeniedAccessMappers {

    private final DeniedAccessAuditor auditor;
    private final AuditTrailConfig config;
    private final CurrentCaller currentCaller;
    private final CurrentIdentityAssociation identity;

    public DeniedAccessMappers(DeniedAccessAuditor auditor, AuditTrailConfig config, CurrentCaller currentCaller,
                               CurrentIdentityAssociation identity) {
        this.auditor = auditor;
        this.config = config;
        this.currentCaller = currentCaller;
        this.identity = identity;
    }

    @ServerExceptionMapper(priority = Priorities.USER - 1)
    Uni<Response> forbidden(ForbiddenException e, HttpServerRequest request, SimpleResourceInfo resource,
                            UriInfo uri) {
        Response response = ProblemMappers.forbiddenResponse(request);
        if (!config.recordForbidden()) {
            return Uni.createFrom().item(response);
        }
        DeniedAccess access = access(request, resource, uri);
        // the identity is resolved (a role check ran on it): reading it does not block
        return identity.getDeferredIdentity()
                .map(ignored -> currentCaller.get())
                .chain(caller -> auditor.denied(caller, access))
                .onFailure().invoke(failure -> logFailure(failure, request))
                .onItemOrFailure().transform((ignored, failure) -> response);
    }

    @ServerExceptionMapper(value = {UnauthorizedException.class, AuthenticationFailedException.class},
            priority = Priorities.USER - 1)
    Uni<Response> unauthenticated(HttpServerRequest request, SimpleResourceInfo resource, UriInfo uri) {
        Response response = ProblemMappers.unauthenticatedResponse(request);
        if (!config.recordUnauthenticated() || resource == null || resource.getResourceClass() == null) {
            return Uni.createFrom().item(response);
        }
        String address = request.remoteAddress() != null ? request.remoteAddress().hostAddress() : null;
        Caller anonymous = new Caller("anonymous", null, Set.of(), null, null, null, Set.of(), null, address,
                RequestIds.of(request));
        return auditor.denied(anonymous, access(request, resource, uri))
                .onFailure().invoke(failure -> logFailure(failure, request))
                .onItemOrFailure().transform((ignored, failure) -> response);
    }

    private static DeniedAccess access(HttpServerRequest request, SimpleResourceInfo resource, UriInfo uri) {
        return DeniedAccess.of(request.method().name(), resource != null ? resource.getResourceClass() : null,
                uri.getPathParameters(), uri.getQueryParameters());
    }

    private static void logFailure(Throwable failure, HttpServerRequest request) {
        Log.errorf("could not audit a refused request (%s) on %s %s [requestId=%s]", failure.getClass().getName(),
                request.method(), request.path(), RequestIds.of(request));
    }
}
