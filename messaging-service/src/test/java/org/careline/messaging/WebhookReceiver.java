package org.careline.messaging;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * An EHR's webhook endpoint on 127.0.0.1 for tests: answers each request as scripted (200, 500, or never:
 * the sender times out), then with {@link #otherwise}; can go down (port closed) and come back on the same port.
 * Records every request it read.
 */
final class WebhookReceiver implements AutoCloseable {

    enum Answer { OK, FAIL, HANG }

    /** One request as received. */
    record Received(String id, long timestamp, String signature, String body, Answer answer, Instant at) {
        JsonObject json() {
            return new JsonObject(body);
        }
    }

    private final Vertx vertx = Vertx.vertx();
    private final Queue<Answer> script = new ConcurrentLinkedQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Answer otherwise = Answer.OK;
    private volatile HttpServer server;
    private int port;

    static WebhookReceiver start() {
        WebhookReceiver receiver = new WebhookReceiver();
        receiver.listen(0);
        return receiver;
    }

    String url() {
        return "http://127.0.0.1:" + port + "/ehr/hooks";
    }

    void script(Answer... answers) {
        script.addAll(List.of(answers));
    }

    void otherwise(Answer answer) {
        otherwise = answer;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<Received> delivered() {
        return received.stream().filter(r -> r.answer() == Answer.OK).toList();
    }

    /** Closes the port: senders get "connection refused". */
    void down() {
        await(server.close().toCompletionStage().toCompletableFuture());
    }

    /** Listens again on the same port. */
    void up() {
        listen(port);
    }

    private void listen(int requested) {
        HttpServer created = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(buffer -> {
            Answer answer = script.poll();
            if (answer == null) {
                answer = otherwise;
            }
            received.add(new Received(request.getHeader("webhook-id"),
                    Long.parseLong(request.getHeader("webhook-timestamp")), request.getHeader("webhook-signature"),
                    buffer.toString(), answer, Instant.now()));
            switch (answer) {
                case OK -> request.response().setStatusCode(204).end();
                case FAIL -> request.response().setStatusCode(500).end("receiver broken");
                case HANG -> { }
            }
        }));
        server = await(created.listen(requested, "127.0.0.1").toCompletionStage().toCompletableFuture());
        port = server.actualPort();
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> future) {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("test receiver", e);
        }
    }

    @Override
    public void close() {
        await(vertx.close().toCompletionStage().toCompletableFuture());
    }
}
