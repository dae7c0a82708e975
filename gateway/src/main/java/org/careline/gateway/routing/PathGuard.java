package org.careline.gateway.routing;

import java.util.List;
import java.util.Locale;

/**
 * Rejects request paths that could be read differently by the gateway and an upstream. Dot segments are already
 * resolved by the router's normalization (which also decodes {@code %2e}); what remains dangerous is what that
 * normalization keeps: encoded slashes and backslashes, NUL, an encoded percent sign (double encoding such as
 * {@code %252e%252e}, which a second decoder would turn into dot segments), backslashes, matrix parameters and empty
 * segments ({@code //}). No Careline API uses any of them.
 */
public final class PathGuard {

    private static final List<String> FORBIDDEN = List.of("%2f", "%5c", "%00", "%25", "\\", ";", "//");

    private PathGuard() {
    }

    /** Whether the raw (undecoded) request path is safe to forward. */
    public static boolean isSafe(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/")) {
            return false;
        }
        String lower = rawPath.toLowerCase(Locale.ROOT);
        return FORBIDDEN.stream().noneMatch(lower::contains);
    }
}
