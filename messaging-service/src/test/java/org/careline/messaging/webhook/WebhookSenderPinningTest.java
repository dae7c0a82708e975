package org.careline.messaging.webhook;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DNS rebinding: the sender resolves the target's name once, checks every address, and connects to the one it
 * checked. A name only the test resolver knows ({@code .invalid} never resolves in real DNS) reaches the test server
 * only if the HTTP client did not resolve it again; a resolver whose second answer would be private is asked once.
 */
class WebhookSenderPinningTest {

    private static final String HOST = "hooks.ehr-vendor.invalid";
    private static Vertx vertx;
    private static HttpServer server;
    private static final List<String> hosts = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void listen() {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(request -> {
            hosts.add(request.getHeader("host"));
            request.response().setStatusCode(204).endAndForget();
        }).listen(0, "127.0.0.1").await().atMost(Duration.ofSeconds(10));
    }

    @AfterAll
    static void close() {
        vertx.close().await().atMost(Duration.ofSeconds(10));
    }

    /** A policy for which 127.0.0.1 stands in for a public address of the test host; private ranges stay refused. */
    private static final TargetUrlPolicy POLICY = new TargetUrlPolicy(false) {
        @Override
        public boolean publicAddress(String host, InetAddress address) {
            return address.isLoopbackAddress() || super.publicAddress(host, address);
        }
    };

    private static WebhookSender sender(WebhookSender.HostResolver resolver) {
        WebhookConfig config = (WebhookConfig) Proxy.newProxyInstance(WebhookConfig.class.getClassLoader(),
                new Class<?>[]{WebhookConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "connectTimeout" -> Duration.ofSeconds(5);
                    case "requestTimeout" -> Duration.ofSeconds(10);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return new WebhookSender(vertx, POLICY, config, resolver);
    }

    private static WebhookSender.Outcome send(WebhookSender sender, String url) {
        return sender.send(url, "msg_1", 1_700_000_000L, "{}", List.of(WebhookSignature.newSecret()))
                .await().atMost(Duration.ofSeconds(30));
    }

    @Test
    void theConnectionGoesToTheCheckedAddressAndTheNameIsResolvedOnce() throws UnknownHostException {
        AtomicInteger lookups = new AtomicInteger();
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        InetAddress privateAddress = InetAddress.getByName("10.1.2.3");
        // first answer passes the check; a rebinding resolver would answer a private address the next time
        WebhookSender sender = sender(host -> new InetAddress[]{
                lookups.getAndIncrement() == 0 ? loopback : privateAddress});
        hosts.clear();

        WebhookSender.Outcome outcome = send(sender, "http://" + HOST + ":" + server.actualPort() + "/ehr/hooks");

        assertTrue(outcome.delivered(), String.valueOf(outcome));
        assertEquals(1, lookups.get(), "one resolution per attempt, the one that was checked");
        assertEquals(List.of(HOST + ":" + server.actualPort()), hosts, "the Host header still names the target");
    }

    @Test
    void aNameResolvingToAnyPrivateAddressIsNotContacted() throws UnknownHostException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        InetAddress privateAddress = InetAddress.getByName("192.168.1.20");
        hosts.clear();

        WebhookSender.Outcome onlyPrivate = send(sender(host -> new InetAddress[]{privateAddress}),
                "http://" + HOST + ":" + server.actualPort() + "/ehr/hooks");
        WebhookSender.Outcome mixed = send(sender(host -> new InetAddress[]{loopback, privateAddress}),
                "http://" + HOST + ":" + server.actualPort() + "/ehr/hooks");
        WebhookSender.Outcome unknown = send(sender(host -> {
            throw new UnknownHostException(host);
        }), "http://" + HOST + ":" + server.actualPort() + "/ehr/hooks");

        assertEquals("blocked-address", onlyPrivate.error());
        assertEquals("blocked-address", mixed.error());
        assertEquals("unknown-host", unknown.error());
        assertFalse(onlyPrivate.reached() || mixed.reached() || unknown.reached());
        assertTrue(hosts.isEmpty(), "nothing reached the server: " + hosts);
    }
}
