package org.careline.messaging.webhook;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(30), Duration.ofHours(1));

    @Test
    void doublesFromTheInitialWaitUpToTheCap() {
        assertEquals(Duration.ofSeconds(30), backoff.after(1, () -> 0));
        assertEquals(Duration.ofSeconds(60), backoff.after(2, () -> 0));
        assertEquals(Duration.ofSeconds(240), backoff.after(4, () -> 0));
        assertEquals(Duration.ofMinutes(32), backoff.after(7, () -> 0));
        assertEquals(Duration.ofHours(1), backoff.after(8, () -> 0));
        assertEquals(Duration.ofHours(1), backoff.after(80, () -> 0));
    }

    @Test
    void jitterTakesOffAtMostAFifth() {
        assertEquals(Duration.ofSeconds(24), backoff.after(1, () -> 1.0));
        assertEquals(Duration.ofSeconds(27), backoff.after(1, () -> 0.5));
        assertEquals(Duration.ofMinutes(48), backoff.after(80, () -> 1.0));
    }
}
