package org.careline.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.logging.Log;
import io.quarkus.oidc.OIDCException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Priorities;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns every failure into an RFC 9457 {@code application/problem+json} response. Details are ours:
 * exception messages (which may quote request data) are never echoed, and 5xx bodies say nothing
 * about internals.
 */
public class ProblemMappers {

    @ServerExceptionMapper
    Response problem(ProblemException e, HttpServerRequest request) {
        return respond(e.status(), e.slug(), e.title(), e.getMessage(), request, null);
    }

    @ServerExceptionMapper
    Response invalid(ConstraintViolationException e, HttpServerRequest request) {
        List<Problem.Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Problem.Violation(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.Violation::field))
                .toList();
        return respond(400, "validation-failed", "Bad Request", "The request has invalid fields.", request,
                violations);
    }

    /** Jackson's specific failures: declared so that they win over the framework's own mappers. */
    @ServerExceptionMapper(value = {MismatchedInputException.class, JsonMappingException.class, JsonParseException.class},
            priority = Priorities.USER - 100)
    Response mismatchedJson(JsonProcessingException e, HttpServerRequest request) {
        return malformedJson(e, request);
    }

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    Response malformedJson(JsonProcessingException e, HttpServerRequest request) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            return respond(400, "malformed-body", "Bad Request", "The request body does not match the expected shape.",
                    request, List.of(new Problem.Violation(field, "has a missing, unknown or wrongly typed value")));
        }
        return respond(400, "malformed-body", "Bad Request", "The request body is not valid JSON.", request, null);
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    Response unauthenticated(HttpServerRequest request) {
        return unauthenticatedResponse(request);
    }

    /** The 401 problem with its {@code WWW-Authenticate} challenge (also used by the audit package's mappers). */
    public static Response unauthenticatedResponse(HttpServerRequest request) {
        Response response = respond(401, "unauthenticated", "Unauthorized",
                "A valid bearer token is required.", request, null);
        return Response.fromResponse(response).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    /** Keycloak unreachable: the token cannot be verified yet. Tell the client to retry, do not blame it. */
    @ServerExceptionMapper
    Response identityProviderDown(OIDCException e, HttpServerRequest request) {
        Log.warnf("identity provider unavailable on %s %s [requestId=%s]", request.method(), request.path(),
                RequestIds.of(request));
        Response response = respond(503, "identity-provider-unavailable", "Service Unavailable",
                "Tokens cannot be verified right now. Retry shortly.", request, null);
        return Response.fromResponse(response).header(HttpHeaders.RETRY_AFTER, "5").build();
    }

    @ServerExceptionMapper
    Response forbidden(ForbiddenException e, HttpServerRequest request) {
        return forbiddenResponse(request);
    }

    /** The 403 problem of a role refusal (also used by the audit package's mappers). */
    public static Response forbiddenResponse(HttpServerRequest request) {
        return respond(403, "forbidden", "Forbidden", "Your role does not allow this operation.", request, null);
    }

    @ServerExceptionMapper
    Response web(WebApplicationException e, HttpServerRequest request) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformedJson(json, request);
        }
        if (status >= 500) {
            return unexpected(e, request);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "Client Error";
        String slug = title.toLowerCase().replace(' ', '-');
        return respond(status, slug, title, detailFor(status), request, null);
    }

    @ServerExceptionMapper
    Response unexpected(Exception e, HttpServerRequest request) {
        if (UnavailableMappers.causedByLostConnection(e)) {
            return UnavailableMappers.unavailable(e, request);   // a wrapped lost connection: 503, not 500
        }
        // The message may quote data (SQL values, payload fragments): log the type and where only.
        StackTraceElement where = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
        Log.errorf("unhandled %s at %s on %s %s [requestId=%s]", e.getClass().getName(), where,
                request.method(), request.path(), RequestIds.of(request));
        return respond(500, "internal-error", "Internal Server Error",
                "The server could not complete the request. Quote the request id to support.", request, null);
    }

    private static String detailFor(int status) {
        return switch (status) {
            case 400 -> "The request is malformed.";
            case 404 -> "No resource at this address.";
            case 405 -> "This method is not allowed on this resource.";
            case 406 -> "No acceptable representation of this resource.";
            case 413 -> "The request body is too large.";
            case 415 -> "This media type is not supported here.";
            default -> "The request cannot be processed.";
        };
    }

    /** The request-relative name of an invalid property: {@code create.request.subject} becomes {@code subject}. */
    private static String field(ConstraintViolation<?> violation) {
        List<String> names = new ArrayList<>();
        for (Path.Node node : violation.getPropertyPath()) {
            names.add(node.getName());
        }
        // method and parameter nodes come first for parameter validation
        int from = names.size() > 2 ? 2 : names.size() - 1;
        return String.join(".", names.subList(Math.max(from, 0), names.size()));
    }

    static Response respond(int status, String slug, String title, String detail, HttpServerRequest request,
                            List<Problem.Violation> violations) {
        Problem body = new Problem(Problem.TYPE_BASE + slug, title, status, detail, request.path(),
                RequestIds.of(request), violations);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(body).build();
    }
}
