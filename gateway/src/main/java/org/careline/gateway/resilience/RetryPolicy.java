package org.careline.gateway.resilience;

import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.http.HttpMethod;

import java.net.ConnectException;
import java.util.Set;

/**
 * When a forwarded request may be sent again: only idempotent methods without a body (so nothing of the caller's
 * was consumed and nothing can be applied twice), only after a failed connect or a 502/503 (the upstream did not
 * process it, and no response byte has reached the caller yet), and at most {@code maxRetries} times.
 */
public record RetryPolicy(int maxRetries) {

    private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    /** Whether a request of this method and body can be retried at all. */
    public boolean appliesTo(HttpMethod method, String contentLength, String transferEncoding) {
        return maxRetries > 0 && IDEMPOTENT.contains(method) && transferEncoding == null
                && (contentLength == null || "0".equals(contentLength.trim()));
    }

    /** After a failure to exchange with the upstream (attempt counts from 0). */
    public boolean retryAfter(Throwable failure, int attempt) {
        return attempt < maxRetries && isConnectFailure(failure);
    }

    /** After the upstream answered with this status (attempt counts from 0). */
    public boolean retryAfter(int status, int attempt) {
        return attempt < maxRetries && (status == 502 || status == 503);
    }

    static boolean isConnectFailure(Throwable failure) {
        return failure instanceof ConnectException || failure instanceof ConnectTimeoutException;
    }
}
