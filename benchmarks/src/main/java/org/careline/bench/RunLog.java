package org.careline.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/** What the load did, recorded by the virtual users as their requests complete (thread-safe). */
public final class RunLog {

    /** A thread the gateway accepted (2xx) with the time the server gave it. */
    public record Posted(String threadId, String patientId, String careTeam, Instant createdAt) {
    }

    /** A timed clinician reply accepted (2xx): the thread's updatedAt after it. */
    public record Replied(String threadId, String patientId, String careTeam, Instant repliedAt, int minutes) {
    }

    private final Queue<Posted> posted = new ConcurrentLinkedQueue<>();
    /** Threads not replied to yet: each reply takes one, so every thread gets at most one reply. */
    private final Queue<Posted> awaitingReply = new ConcurrentLinkedQueue<>();
    private final Queue<Replied> replied = new ConcurrentLinkedQueue<>();
    private final Map<String, Queue<Long>> latencies = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> statuses = new ConcurrentHashMap<>();
    private final LongAdder repliesWithoutThread = new LongAdder();
    private final Queue<Timed> timeline = new ConcurrentLinkedQueue<>();

    /** One finished request: when its virtual user arrived (epoch ms), its status (0 = no answer) and latency (-1 = none). */
    public record Timed(String type, int status, long millis, long arrivedAt) {
        public boolean ok() {
            return status / 100 == 2;
        }
    }

    public void posted(Posted p) {
        posted.add(p);
        awaitingReply.add(p);
    }

    /** The oldest accepted thread nobody has replied to, or null. */
    public Posted takeForReply() {
        Posted p = awaitingReply.poll();
        if (p == null) {
            repliesWithoutThread.increment();
        }
        return p;
    }

    public void replied(Replied r) {
        replied.add(r);
    }

    /** One completed request: its type (e.g. "POST thread"), HTTP status (0 = no answer) and latency. */
    public void request(String type, int status, long millis) {
        request(type, status, millis, System.currentTimeMillis() - millis);
    }

    /** One completed request whose virtual user arrived at {@code arrivedAt} (epoch ms). */
    public void request(String type, int status, long millis, long arrivedAt) {
        timeline.add(new Timed(type, status, millis, arrivedAt));
        latencies.computeIfAbsent(type, t -> new ConcurrentLinkedQueue<>()).add(millis);
        statuses.computeIfAbsent(type + " " + status, t -> new LongAdder()).increment();
    }

    /** A request that ended without a measured response time (connection failure, timeout before any answer). */
    public void unanswered(String type, int status) {
        unanswered(type, status, System.currentTimeMillis());
    }

    public void unanswered(String type, int status, long arrivedAt) {
        timeline.add(new Timed(type, status, -1, arrivedAt));
        statuses.computeIfAbsent(type + " " + status, t -> new LongAdder()).increment();
    }

    public List<Posted> posted() {
        return new ArrayList<>(posted);
    }

    public List<Replied> replied() {
        return new ArrayList<>(replied);
    }

    public Map<String, Queue<Long>> latencies() {
        return latencies;
    }

    public Map<String, LongAdder> statuses() {
        return statuses;
    }

    /** Every finished request, in completion order. */
    public List<Timed> timeline() {
        return new ArrayList<>(timeline);
    }

    public long repliesWithoutThread() {
        return repliesWithoutThread.sum();
    }
}
