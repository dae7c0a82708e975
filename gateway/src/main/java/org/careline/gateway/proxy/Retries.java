package org.careline.gateway.proxy;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.careline.gateway.resilience.RetryPolicy;

import java.time.Duration;

/** The retry policy and the pause before each retry (a Vert.x timer, never a blocked thread). */
record Retries(RetryPolicy policy, Duration backoff, Vertx vertx) {

    Future<Void> pause() {
        long millis = backoff.toMillis();
        if (millis <= 0) {
            return Future.succeededFuture();
        }
        Promise<Void> promise = Promise.promise();
        vertx.setTimer(millis, id -> promise.complete());
        return promise.future();
    }
}
