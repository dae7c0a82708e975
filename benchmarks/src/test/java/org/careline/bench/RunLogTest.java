package org.careline.bench;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RunLogTest {

    @Test
    void everyAcceptedThreadIsRepliedToAtMostOnceOldestFirst() {
        RunLog log = new RunLog();
        assertNull(log.takeForReply());
        RunLog.Posted a = new RunLog.Posted("t-1", "BP-0001", "family-medicine", Instant.parse("2026-11-23T18:00:00Z"));
        RunLog.Posted b = new RunLog.Posted("t-2", "BP-0002", "cardiology", Instant.parse("2026-11-23T18:00:01Z"));
        log.posted(a);
        log.posted(b);
        assertEquals(a, log.takeForReply());
        assertEquals(b, log.takeForReply());
        assertNull(log.takeForReply());
        assertEquals(2, log.repliesWithoutThread());
        assertEquals(List.of(a, b), log.posted());
    }

    @Test
    void countsStatusesAndLatenciesPerRequestType() {
        RunLog log = new RunLog();
        log.request("POST /threads", 201, 12);
        log.request("POST /threads", 201, 30);
        log.request("POST /threads", 504, 10_000);
        log.unanswered("POST /threads", 0);
        assertEquals(2, log.statuses().get("POST /threads 201").sum());
        assertEquals(1, log.statuses().get("POST /threads 504").sum());
        assertEquals(1, log.statuses().get("POST /threads 0").sum());
        assertEquals(List.of(12L, 30L, 10_000L), List.copyOf(log.latencies().get("POST /threads")));
    }
}
