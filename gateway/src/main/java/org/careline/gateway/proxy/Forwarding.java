package org.careline.gateway.proxy;

import org.careline.gateway.routing.Upstream;

import java.time.Duration;

/**
 * Everything one forwarded request needs, fixed before the proxy starts.
 *
 * @param upstream      where it goes
 * @param uri           the path and query to ask the upstream for
 * @param timeout       how long the upstream may stay silent
 * @param credentials   whether the caller's Authorization and Cookie headers go along (API routes: yes; public docs: no)
 * @param requestId     the request id
 * @param clientAddress the address of the TCP peer, which becomes X-Forwarded-For
 * @param proto         the scheme the client used, which becomes X-Forwarded-Proto
 * @param host          the Host the client asked for, which becomes X-Forwarded-Host (null when absent)
 * @param instance      the normalized request path, quoted in problems
 * @param maxBodyBytes  the largest body forwarded
 */
public record Forwarding(Upstream upstream, String uri, Duration timeout, boolean credentials, String requestId,
                         String clientAddress, String proto, String host, String instance, long maxBodyBytes) {
}
