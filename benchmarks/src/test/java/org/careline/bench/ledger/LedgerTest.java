package org.careline.bench.ledger;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LedgerTest {

    private static final Instant T0 = Instant.parse("2026-11-23T22:00:00Z");

    private static Instant at(long millis) {
        return T0.plusMillis(millis);
    }

    private static Ledger.Stamp once(long millis) {
        return new Ledger.Stamp(1, at(millis));
    }

    /** Two accepted threads, each through every stage once; one timed reply in billing. */
    private static Map<String, Object> healthy() {
        Map<String, Object> f = new HashMap<>();
        f.put("created", new HashMap<>(Map.of("a", at(0), "b", at(1000))));
        f.put("window", Set.of("a", "b"));
        f.put("patient", new HashMap<>(Map.of("a", 1, "b", 1)));
        f.put("decisions", new HashMap<>(Map.of("a", once(120), "b", once(1300))));
        f.put("queue", new HashMap<>(Map.of("a", once(125), "b", once(1310))));
        f.put("audit", new HashMap<>(Map.of("a", once(200), "b", once(1500))));
        f.put("replies", new HashMap<>(Map.of("a", once(5000))));
        f.put("replyIds", new HashMap<>(Map.of("a", "m-1")));
        f.put("entries", new HashMap<>(Map.of("m-1", once(5400))));
        return f;
    }

    @SuppressWarnings("unchecked")
    private static Ledger.Facts facts(Map<String, Object> f) {
        return new Ledger.Facts((Map<String, Instant>) f.get("created"), (Set<String>) f.get("window"),
                (Map<String, Integer>) f.get("patient"), (Map<String, Ledger.Stamp>) f.get("decisions"),
                (Map<String, Ledger.Stamp>) f.get("queue"), (Map<String, Ledger.Stamp>) f.get("audit"),
                (Map<String, Ledger.Stamp>) f.get("replies"), (Map<String, String>) f.get("replyIds"),
                (Map<String, Ledger.Stamp>) f.get("entries"));
    }

    @Test
    void everyStageOnceIsBalancedWithLagsFromTheServicesTimestamps() {
        Ledger l = Ledger.of(List.of("a", "b"), List.of("a"), facts(healthy()));
        assertTrue(l.balanced());
        assertTrue(l.complete());
        assertEquals(2, l.accepted());
        assertEquals(0, l.unacknowledged());
        assertEquals(List.of(120L, 300L), l.lags().triaged());
        assertEquals(List.of(125L, 310L), l.lags().queued());
        assertEquals(List.of(200L, 500L), l.lags().audited());
        assertEquals(List.of(400L), l.lags().billed());
        assertTrue(l.problems().isEmpty());
    }

    @Test
    void aThreadNotYetQueuedOrAuditedIsIncompleteNotDuplicated() {
        Map<String, Object> f = healthy();
        ((Map<?, ?>) f.get("queue")).remove("b");
        ((Map<?, ?>) f.get("audit")).remove("b");
        Ledger l = Ledger.of(List.of("a", "b"), List.of("a"), facts(f));
        assertFalse(l.complete());
        assertFalse(l.balanced());
        assertEquals(2, l.triaged());
        assertEquals(1, l.queued());
        assertEquals(1, l.audited());
        assertEquals(0, l.duplicates());
        assertEquals(2, l.problems().size());
    }

    @Test
    @SuppressWarnings("unchecked")
    void duplicatesAreCountedAsExtraRowsAndUnbalanceTheLedger() {
        Map<String, Object> f = healthy();
        ((Map<String, Ledger.Stamp>) f.get("decisions")).put("a", new Ledger.Stamp(2, at(120)));
        ((Map<String, Ledger.Stamp>) f.get("audit")).put("b", new Ledger.Stamp(3, at(1500)));
        Ledger l = Ledger.of(List.of("a", "b"), List.of("a"), facts(f));
        assertTrue(l.complete());
        assertFalse(l.balanced());
        assertEquals(3, l.duplicates());
        assertEquals(2, l.triaged());
    }

    @Test
    @SuppressWarnings("unchecked")
    void lostThreadsRepliesAndUnacknowledgedThreadsAreReported() {
        Map<String, Object> f = healthy();
        ((Map<String, Instant>) f.get("created")).remove("b");
        f.put("window", Set.of("a", "c"));
        ((Map<String, Ledger.Stamp>) f.get("entries")).clear();
        Ledger l = Ledger.of(List.of("a", "b"), List.of("a"), facts(f));
        assertEquals(1, l.stored());
        assertEquals(1, l.unacknowledged());
        assertEquals(1, l.repliesStored());
        assertEquals(0, l.repliesBilled());
        assertFalse(l.balanced());
        assertTrue(l.problems().stream().anyMatch(p -> p.contains("b not stored")));
        assertTrue(l.problems().stream().anyMatch(p -> p.contains("no time entry")));
    }
}
