package org.careline.gateway.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class VerifiedTokensTest {

    static final Instant T0 = Instant.parse("2026-11-24T02:00:00Z");
    static final SecurityIdentity ALICE = QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal("alice")).build();

    final MutableClock clock = new MutableClock(T0);
    final VerifiedTokens cache = new VerifiedTokens(3, Duration.ofSeconds(30), clock);

    @Test
    void anEntryLastsUntilTheTokensExpiryWhenThatComesBeforeTheTtl() {
        cache.put("k", ALICE, T0.getEpochSecond() + 10);
        clock.now = T0.plusMillis(9_999);
        assertSame(ALICE, cache.get("k"));
        clock.now = T0.plusSeconds(10);
        assertNull(cache.get("k"));
    }

    @Test
    void anEntryLastsAtMostTheTtl() {
        cache.put("k", ALICE, T0.getEpochSecond() + 3600);
        clock.now = T0.plusMillis(29_999);
        assertSame(ALICE, cache.get("k"));
        clock.now = T0.plusSeconds(30);
        assertNull(cache.get("k"));
    }

    @Test
    void anExpiredOrUnboundedTokenIsNotStored() {
        cache.put("expired", ALICE, T0.getEpochSecond());
        cache.put("no-exp", ALICE, 0);
        assertNull(cache.get("expired"));
        assertNull(cache.get("no-exp"));
        assertEquals(0, cache.size());
    }

    @Test
    void theCacheNeverHoldsMoreThanItsSize() {
        for (int i = 0; i < 10; i++) {
            cache.put("k" + i, ALICE, T0.getEpochSecond() + 60);
            assertEquals(true, cache.size() <= 3);
        }
        assertSame(ALICE, cache.get("k9"));
    }

    @Test
    void theKeyIsTheSha256OfTheWholeToken() {
        assertEquals(64, VerifiedTokens.keyOf("a.b.c").length());
        assertNotEquals(VerifiedTokens.keyOf("a.b.c"), VerifiedTokens.keyOf("a.b.d"));
    }

    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
