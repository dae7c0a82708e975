package org.careline.gateway.resilience;

import jakarta.enterprise.context.ApplicationScoped;
import org.careline.gateway.config.GatewayConfig;
import org.careline.gateway.routing.RouteTable;
import org.careline.gateway.routing.Upstream;

import java.util.Map;
import java.util.TreeMap;

/** One {@link CircuitBreaker} per configured upstream. */
@ApplicationScoped
public class CircuitBreakers {

    private final Map<String, CircuitBreaker> breakers = new TreeMap<>();

    public CircuitBreakers(RouteTable routes, GatewayConfig config) {
        GatewayConfig.CircuitBreakerConfig settings = config.circuitBreaker();
        for (Upstream upstream : routes.upstreams()) {
            breakers.put(upstream.name(), new CircuitBreaker(settings.failureThreshold(), settings.openDuration().toNanos(),
                    System::nanoTime));
        }
    }

    public CircuitBreaker of(Upstream upstream) {
        return breakers.get(upstream.name());
    }
}
