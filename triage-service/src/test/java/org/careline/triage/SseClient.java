package org.careline.triage;

import io.restassured.RestAssured;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** A Server-Sent Events client of the queue stream for tests: keeps every line and the parsed events. */
final class SseClient implements AutoCloseable {

    /** One event: its id, name (null: a message) and data. */
    record Event(String id, String name, String data) {
    }

    final List<String> lines = new CopyOnWriteArrayList<>();
    final List<Event> events = new CopyOnWriteArrayList<>();
    private final CompletableFuture<?> reading;
    private volatile java.util.stream.Stream<String> body;
    volatile int status;
    private String id;
    private String name;
    private final List<String> data = new ArrayList<>();

    private SseClient(String token, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port
                        + "/api/v1/queues/stream"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        // HTTP/1.1 as browsers' EventSource uses it through the gateway (no h2c upgrade attempt)
        reading = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> {
                    status = response.statusCode();
                    body = response.body();
                    body.forEach(this::line);
                });
    }

    static SseClient open(String token) {
        return new SseClient(token, null);
    }

    static SseClient resume(String token, long lastEventId) {
        return new SseClient(token, Long.toString(lastEventId));
    }

    private synchronized void line(String line) {
        lines.add(line);
        if (line.isEmpty()) {
            if (!data.isEmpty()) {
                events.add(new Event(id, name, String.join("\n", data)));
            }
            id = null;
            name = null;
            data.clear();
        } else if (line.startsWith("id:")) {
            id = line.substring(3).trim();
        } else if (line.startsWith("event:")) {
            name = line.substring(6).trim();
        } else if (line.startsWith("data:")) {
            data.add(line.substring(5).trim());
        }
    }

    /** The data events (named events such as {@code reset} excluded). */
    List<Event> changes() {
        return events.stream().filter(e -> e.name() == null).toList();
    }

    boolean saw(String text) {
        return events.stream().anyMatch(e -> e.data().contains(text));
    }

    long heartbeats() {
        return lines.stream().filter(l -> l.startsWith(":")).count();
    }

    @Override
    public void close() {
        java.util.stream.Stream<String> open = body;
        if (open != null) {
            open.close(); // closes the connection
        }
        reading.cancel(true);
    }
}
