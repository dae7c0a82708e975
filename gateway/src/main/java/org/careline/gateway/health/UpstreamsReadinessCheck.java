package org.careline.gateway.health;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.gateway.routing.RouteTable;
import org.careline.gateway.routing.Upstream;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.util.List;

/**
 * Reports, as data, whether each upstream accepts TCP connections. The gateway stays ready either way: the local
 * stack starts everything together, and a down upstream already gets a 502 per request. (Whether an upstream's
 * readiness should gate the gateway's is for the gateway hardening issue.)
 */
@Readiness
@ApplicationScoped
public class UpstreamsReadinessCheck implements AsyncHealthCheck {

    private static final int CONNECT_TIMEOUT_MILLIS = 1_000;

    private final RouteTable routes;
    private final NetClient client;

    public UpstreamsReadinessCheck(RouteTable routes, Vertx vertx) {
        this.routes = routes;
        this.client = vertx.createNetClient(new NetClientOptions().setConnectTimeout(CONNECT_TIMEOUT_MILLIS));
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        List<Upstream> upstreams = List.copyOf(routes.upstreams());
        List<Uni<Boolean>> probes = upstreams.stream().map(this::reachable).toList();
        if (probes.isEmpty()) {
            return Uni.createFrom().item(HealthCheckResponse.up("upstreams"));
        }
        return Uni.join().all(probes).andFailFast().map(results -> {
            HealthCheckResponseBuilder builder = HealthCheckResponse.named("upstreams").up();
            for (int i = 0; i < upstreams.size(); i++) {
                builder.withData(upstreams.get(i).name(), results.get(i) ? "reachable" : "unreachable");
            }
            return builder.build();
        });
    }

    private Uni<Boolean> reachable(Upstream upstream) {
        return Uni.createFrom().completionStage(() -> client.connect(upstream.port(), upstream.host()).toCompletionStage())
                .map(socket -> {
                    socket.close();
                    return true;
                })
                .onFailure().recoverWithItem(false);
    }
}
