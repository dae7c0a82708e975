package org.careline.messaging.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.careline.platform.problem.Problem;
import org.careline.platform.problem.RequestIds;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A request that announces a body above {@code quarkus.http.limits.max-body-size} gets a 413
 * problem+json at once, instead of the HTTP server's bare 413 (which still answers bodies sent
 * without a Content-Length). Attachments just over their own, lower limit get the service's 413.
 */
@ApplicationScoped
public class OversizeBodyProblem {

    private final long limit;
    private final ObjectMapper mapper;

    public OversizeBodyProblem(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit,
                               ObjectMapper mapper) {
        this.limit = limit.asLongValue();
        this.mapper = mapper;
    }

    void install(@Observes Router router) {
        // before Quarkus' own body-size check (order -2)
        router.route().order(-3).handler(rc -> {
            String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && exceeds(length)) {
                Problem problem = new Problem(Problem.TYPE_BASE + "payload-too-large", "Content Too Large", 413,
                        "The request body is larger than " + limit + " bytes.", rc.request().path(),
                        RequestIds.of(rc.request()), null);
                // the connection stays open so the client, which sends its whole body first, reads the answer
                rc.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .end(json(problem));
                return;
            }
            rc.next();
        });
    }

    private boolean exceeds(String length) {
        try {
            return Long.parseLong(length.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private String json(Problem problem) {
        try {
            return mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
