package org.careline.gateway.health;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.gateway.resilience.CircuitBreakers;
import org.careline.gateway.routing.RouteTable;
import org.careline.gateway.routing.Upstream;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.util.List;

/**
 * Reports each upstream's own readiness ({@code GET /q/health/ready}: {@code UP}, {@code DOWN}, or
 * {@code unreachable}) and its circuit breaker's state, as data. The gateway itself stays ready when an upstream is
 * not: it still serves every other route, and requests for that upstream already get a 502/503 problem (or the
 * open-circuit 503 with Retry-After). Taking the one front door out of the load balancer because one service is
 * down would turn a partial outage into a total one.
 */
@Readiness
@ApplicationScoped
public class UpstreamsReadinessCheck implements AsyncHealthCheck {

    private static final int TIMEOUT_MILLIS = 1_000;
    private static final String READY_PATH = "/q/health/ready";

    private final RouteTable routes;
    private final CircuitBreakers breakers;
    private final HttpClient client;

    public UpstreamsReadinessCheck(RouteTable routes, CircuitBreakers breakers, Vertx vertx) {
        this.routes = routes;
        this.breakers = breakers;
        this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(TIMEOUT_MILLIS));
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        List<Upstream> upstreams = List.copyOf(routes.upstreams());
        if (upstreams.isEmpty()) {
            return Uni.createFrom().item(HealthCheckResponse.up("upstreams"));
        }
        List<Uni<String>> probes = upstreams.stream().map(this::readiness).toList();
        return Uni.join().all(probes).andFailFast().map(results -> {
            HealthCheckResponseBuilder builder = HealthCheckResponse.named("upstreams").up();
            for (int i = 0; i < upstreams.size(); i++) {
                Upstream upstream = upstreams.get(i);
                builder.withData(upstream.name(), results.get(i));
                builder.withData(upstream.name() + ".circuit", breakers.of(upstream).state().name());
            }
            return builder.build();
        });
    }

    private Uni<String> readiness(Upstream upstream) {
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setHost(upstream.host())
                .setPort(upstream.port()).setSsl(upstream.ssl()).setURI(READY_PATH).setIdleTimeout(TIMEOUT_MILLIS);
        return Uni.createFrom().completionStage(() -> client.request(request)
                        .compose(r -> r.send())
                        .compose(response -> response.body().map(body -> response.statusCode() == 200 ? "UP" : "DOWN"))
                        .toCompletionStage())
                .onFailure().recoverWithItem("unreachable");
    }
}
