package org.careline.platform.problem;

import io.quarkus.logging.Log;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.ConnectException;

/**
 * A service whose database is down (refused connection, connection closed by a shutting-down server, server
 * starting up) answers 503 problem+json with {@code Retry-After}, not a 500: the request was not applied and may be
 * sent again later. Clients and the gateway treat 503 as "unavailable", which it is. Other database errors keep
 * the 500 of {@link ProblemMappers}.
 */
public class UnavailableMappers {

    /** Seconds a client should wait before trying again. */
    static final String RETRY_AFTER_SECONDS = "5";

    @ServerExceptionMapper({ConnectException.class, java.net.SocketException.class, ClosedConnectionException.class})
    Response unreachable(Exception e, HttpServerRequest request) {
        return unavailable(e, request);
    }

    @ServerExceptionMapper
    Response database(PgException e, HttpServerRequest request) {
        if (isUnavailable(e.getSqlState())) {
            return unavailable(e, request);
        }
        Log.errorf("unhandled %s (SQLSTATE %s) on %s %s [requestId=%s]", e.getClass().getName(), e.getSqlState(),
                request.method(), request.path(), RequestIds.of(request));
        return ProblemMappers.respond(500, "internal-error", "Internal Server Error",
                "The server could not complete the request. Quote the request id to support.", request, null);
    }

    /**
     * Whether a failure that reached the catch-all mapper was caused by a lost backend connection: a refused or
     * reset socket, a closed database connection, or the database server shutting down or starting up (Hibernate
     * Reactive may wrap these).
     */
    static boolean causedByLostConnection(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof java.net.SocketException || cause instanceof java.nio.channels.ClosedChannelException
                    || cause instanceof ClosedConnectionException
                    || cause instanceof PgException pg && isUnavailable(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQLSTATE classes meaning "the server cannot serve you now": 08 connection exceptions, 57P01 admin shutdown,
     * 57P02 crash shutdown, 57P03 cannot connect now (starting up or shutting down).
     */
    static boolean isUnavailable(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.equals("57P01") || sqlState.equals("57P02")
                || sqlState.equals("57P03"));
    }

    static Response unavailable(Exception e, HttpServerRequest request) {
        Log.warnf("database unavailable (%s) on %s %s [requestId=%s]", e.getClass().getName(), request.method(),
                request.path(), RequestIds.of(request));
        Response response = ProblemMappers.respond(503, "database-unavailable", "Service Unavailable",
                "The service cannot reach its database right now; nothing was changed. Try again shortly.", request, null);
        return Response.fromResponse(response).header("Retry-After", RETRY_AFTER_SECONDS).build();
    }
}
