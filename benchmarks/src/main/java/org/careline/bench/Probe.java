package org.careline.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * After the load: follows a sample of the accepted threads and replies through the read APIs until each has
 * reached every stage or a deadline passes. Lags come from the services' own timestamps (decision
 * {@code decidedAt}, queue item {@code createdAt}, audit record {@code receivedAt}, episode {@code updatedAt})
 * minus the thread's {@code createdAt} (or the reply's {@code updatedAt}); polling only decides whether a stage
 * was reached, so a slow poll does not inflate a lag. All parts run on one machine, so one clock.
 */
public final class Probe {

    /** One sampled thread and what was found for it; lags in ms, null until found. */
    public static final class ThreadTrace {
        public final RunLog.Posted posted;
        public boolean stored;
        public Long triageLag;
        public Long queueLag;
        public Long auditLag;
        public int decisions;
        public int auditCreates;

        ThreadTrace(RunLog.Posted posted) {
            this.posted = posted;
        }

        boolean done() {
            return stored && triageLag != null && queueLag != null && auditLag != null;
        }
    }

    public static final class ReplyTrace {
        public final RunLog.Replied replied;
        public Long billingLag;

        ReplyTrace(RunLog.Replied replied) {
            this.replied = replied;
        }
    }

    public record Result(List<ThreadTrace> threads, List<ReplyTrace> replies, Duration took) {
    }

    private final Api api;
    private final BenchUsers users;
    private final BenchConfig config;

    public Probe(Api api, BenchUsers users, BenchConfig config) {
        this.api = api;
        this.users = users;
        this.config = config;
    }

    /** Every k-th item so the sample spans the whole run. */
    public static <T> List<T> spread(List<T> all, int max) {
        if (all.size() <= max) {
            return all;
        }
        List<T> out = new ArrayList<>(max);
        double step = (double) all.size() / max;
        for (int i = 0; i < max; i++) {
            out.add(all.get((int) (i * step)));
        }
        return out;
    }

    public Result run(List<RunLog.Posted> posted, List<RunLog.Replied> replied) {
        Instant start = Instant.now();
        Instant deadline = start.plus(config.lagDeadline());
        // fresh tokens: the ones fetched before the load may have expired during a long run
        Map<String, String> clinicianTokens = new HashMap<>();
        String auditor = api.token(users.auditor(), "bench");
        String biller = api.token(users.biller(), "bench");
        List<ThreadTrace> threads = spread(posted, config.sample()).stream().map(ThreadTrace::new).toList();
        List<ReplyTrace> replies = spread(replied, config.sample()).stream().map(ReplyTrace::new).toList();
        boolean pending = true;
        while (pending && Instant.now().isBefore(deadline)) {
            pending = false;
            for (ThreadTrace t : threads) {
                if (t.done()) {
                    continue;
                }
                String clinician = clinicianTokens.computeIfAbsent(t.posted.careTeam(),
                        team -> api.token(users.clinicianOf(team).username(), "bench"));
                follow(t, clinician, auditor);
                pending |= !t.done();
            }
            for (ReplyTrace r : replies) {
                if (r.billingLag == null) {
                    follow(r, biller);
                    pending |= r.billingLag == null;
                }
            }
            if (pending) {
                sleep(Duration.ofMillis(500));
            }
        }
        return new Result(threads, replies, Duration.between(start, Instant.now()));
    }

    private void follow(ThreadTrace t, String clinician, String auditor) {
        String id = t.posted.threadId();
        Instant created = t.posted.createdAt();
        if (!t.stored) {
            t.stored = api.get(clinician, "/api/v1/threads/" + id).ok();
        }
        if (t.triageLag == null || t.queueLag == null) {
            Api.Answer a = api.get(clinician, "/api/v1/triage/threads/" + id);
            if (a.ok() && a.body() != null) {
                JsonNode decisions = a.body().path("decisions");
                t.decisions = decisions.size();
                if (decisions.size() > 0) {
                    // newest first: the first message's decision is the last one
                    t.triageLag = lag(created, decisions.get(decisions.size() - 1).path("decidedAt"));
                }
                JsonNode item = a.body().path("queueItem");
                if (!item.isMissingNode() && !item.isNull()) {
                    t.queueLag = lag(created, item.path("createdAt"));
                }
            }
        }
        if (t.auditLag == null) {
            Api.Answer a = api.get(auditor, "/api/v1/audit/events?patientId=" + Api.enc(t.posted.patientId())
                    + "&resourceType=Thread&action=CREATE&resourceId=" + Api.enc(id) + "&limit=10");
            if (a.ok() && a.body() != null && a.body().path("items").size() > 0) {
                Long min = null;
                for (JsonNode item : a.body().path("items")) {
                    Long l = lag(created, item.path("receivedAt"));
                    min = min == null || (l != null && l < min) ? l : min;
                }
                t.auditCreates = a.body().path("items").size();
                t.auditLag = min;
            }
        }
    }

    private void follow(ReplyTrace r, String biller) {
        Api.Answer a = api.get(biller, "/api/v1/billing/episodes?limit=200&patientId=" + Api.enc(r.replied.patientId()));
        if (!a.ok() || a.body() == null) {
            return;
        }
        for (JsonNode episode : a.body().path("items")) {
            for (JsonNode thread : episode.path("threadIds")) {
                if (thread.asText().equals(r.replied.threadId())) {
                    r.billingLag = lag(r.replied.repliedAt(), episode.path("updatedAt"));
                    return;
                }
            }
        }
    }

    static Long lag(Instant from, JsonNode to) {
        if (to == null || !to.isTextual()) {
            return null;
        }
        return Math.max(0, Duration.between(from, Instant.parse(to.asText())).toMillis());
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
