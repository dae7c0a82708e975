package org.careline.messaging.webhook;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.net.SocketAddress;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.ext.web.codec.BodyCodec;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * POSTs one signed webhook with bounded timeouts, following no redirect and reading no response body.
 * Before connecting it resolves the host and refuses private addresses ({@link TargetUrlPolicy}), then connects to
 * the address it checked (pinned): the HTTP client does not resolve the name again, so a DNS answer that changes
 * between the check and the connection (DNS rebinding) cannot reach a private address. The URL's host still names
 * the server in the Host header, TLS SNI and certificate verification.
 */
@ApplicationScoped
public class WebhookSender {

    private final Vertx vertx;
    private final WebClient client;
    private final TargetUrlPolicy policy;
    private final WebhookConfig config;
    private final HostResolver resolver;

    /** Resolves a host name to its addresses (the system resolver in production). */
    @FunctionalInterface
    public interface HostResolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    @Inject
    public WebhookSender(Vertx vertx, TargetUrlPolicy policy, WebhookConfig config) {
        this(vertx, policy, config, InetAddress::getAllByName);
    }

    WebhookSender(Vertx vertx, TargetUrlPolicy policy, WebhookConfig config, HostResolver resolver) {
        this.resolver = resolver;
        this.vertx = vertx;
        this.policy = policy;
        this.config = config;
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setFollowRedirects(false)
                .setUserAgent("Careline-Webhooks/1")
                .setVerifyHost(true));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /**
     * Sends the body with the Standard Webhooks headers, signed with every secret given.
     *
     * @param timestamp the attempt's time, epoch seconds ({@code webhook-timestamp})
     */
    public Uni<Outcome> send(String url, String id, long timestamp, String body, List<String> secrets) {
        URI uri = URI.create(url);
        String signature = WebhookSignature.header(secrets, id, timestamp, body);
        return checkAddress(uri.getHost())
                .chain(address -> client.requestAbs(HttpMethod.POST,
                                SocketAddress.inetSocketAddress(port(uri), address.getHostAddress()), url)
                        .timeout(config.requestTimeout().toMillis())
                        .putHeader("content-type", "application/json")
                        .putHeader("webhook-id", id)
                        .putHeader("webhook-timestamp", Long.toString(timestamp))
                        .putHeader("webhook-signature", signature)
                        .as(BodyCodec.none())
                        .sendBuffer(Buffer.buffer(body)))
                .map(response -> new Outcome(response.statusCode(), response.statusCode() / 100 == 2
                        ? null : "http-" + response.statusCode(), true))
                .onFailure().recoverWithItem(WebhookSender::failed);
    }

    /** The address to connect to: the first one resolved, provided every resolved address is allowed. */
    private Uni<InetAddress> checkAddress(String host) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            InetAddress[] addresses;
            try {
                addresses = resolver.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
            } catch (UnknownHostException e) {
                throw new UnresolvedHost();
            }
            if (addresses.length == 0) {
                throw new UnresolvedHost();
            }
            if (!Arrays.stream(addresses).allMatch(a -> policy.publicAddress(host, a))) {
                throw new BlockedAddress();
            }
            return addresses[0];
        }));
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static Outcome failed(Throwable failure) {
        if (failure instanceof BlockedAddress) {
            return new Outcome(null, "blocked-address", false);
        }
        if (failure instanceof UnresolvedHost) {
            return new Outcome(null, "unknown-host", false);
        }
        if (failure instanceof ConnectException || failure.getCause() instanceof ConnectException) {
            return new Outcome(null, "connection-failed", false);
        }
        boolean timeout = failure instanceof TimeoutException
                || failure.getClass().getSimpleName().contains("Timeout");
        // a request that timed out may have reached the receiver with the body
        return timeout ? new Outcome(null, "timeout", true) : new Outcome(null, "request-failed", true);
    }

    /**
     * @param status  the receiver's HTTP status, if it answered
     * @param error   null on 2xx, else a code: {@code http-<status>}, {@code timeout}, {@code connection-failed}...
     * @param reached whether the body may have reached the receiver (a disclosure to audit)
     */
    public record Outcome(Integer status, String error, boolean reached) {
        public boolean delivered() {
            return error == null;
        }
    }

    private static final class BlockedAddress extends RuntimeException {
        BlockedAddress() {
            super(null, null, false, false);
        }
    }

    private static final class UnresolvedHost extends RuntimeException {
        UnresolvedHost() {
            super(null, null, false, false);
        }
    }
}
