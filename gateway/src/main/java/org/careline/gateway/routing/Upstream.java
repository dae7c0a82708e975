package org.careline.gateway.routing;

import java.net.URI;

/**
 * A service the gateway forwards to.
 *
 * @param name the upstream's name in configuration (messaging, triage, billing, audit)
 * @param host host name or address
 * @param port TCP port
 * @param ssl  whether to speak HTTPS to it
 */
public record Upstream(String name, String host, int port, boolean ssl) {

    /** Reads {@code http(s)://host[:port]}; anything else (a path, a query, another scheme) is a configuration error. */
    public static Upstream of(String name, URI url) {
        String scheme = url.getScheme();
        boolean ssl = "https".equalsIgnoreCase(scheme);
        if (!ssl && !"http".equalsIgnoreCase(scheme) || url.getHost() == null) {
            throw new IllegalStateException("careline.gateway.upstreams." + name + " must be an http(s)://host:port URL");
        }
        if (url.getRawPath() != null && !url.getRawPath().isEmpty() && !"/".equals(url.getRawPath())
                || url.getRawQuery() != null) {
            throw new IllegalStateException("careline.gateway.upstreams." + name + " must not have a path or query");
        }
        int port = url.getPort() > 0 ? url.getPort() : ssl ? 443 : 80;
        return new Upstream(name, url.getHost(), port, ssl);
    }
}
