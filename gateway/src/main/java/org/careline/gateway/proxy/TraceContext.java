package org.careline.gateway.proxy;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * W3C Trace Context ({@code traceparent}) at the edge. A well-formed version-00 header from the caller is passed on
 * unchanged (the gateway records no spans of its own, so it does not start a child span); an absent or malformed
 * one, or one with an all-zero trace or parent id, is replaced by a new sampled trace, and the caller's
 * {@code tracestate} is then dropped with it.
 */
public final class TraceContext {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    private static final Pattern VALID = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final String ZERO_TRACE = "0".repeat(32);
    private static final String ZERO_PARENT = "0".repeat(16);

    private TraceContext() {
    }

    /** Whether a caller's traceparent may be passed on. */
    public static boolean isValid(String traceparent) {
        return traceparent != null && VALID.matcher(traceparent).matches()
                && !traceparent.regionMatches(3, ZERO_TRACE, 0, 32)
                && !traceparent.regionMatches(36, ZERO_PARENT, 0, 16);
    }

    /** A new traceparent: random trace id and parent id, sampled. */
    public static String generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high;
        long low;
        do {
            high = random.nextLong();
            low = random.nextLong();
        } while (high == 0 && low == 0);
        long parent;
        do {
            parent = random.nextLong();
        } while (parent == 0);
        return "00-" + hex(high) + hex(low) + "-" + hex(parent) + "-01";
    }

    private static String hex(long value) {
        String digits = Long.toHexString(value);
        return "0".repeat(16 - digits.length()) + digits;
    }
}
