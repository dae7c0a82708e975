package org.careline.messaging.service;

import org.careline.platform.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/**
 * Where the next page of proxy grants starts: the last grant's creation time and id, opaque to clients
 * (URL-safe base64). Keyset pagination, newest first.
 */
public record GrantCursor(Instant createdAt, UUID id) {

    public String encode() {
        String raw = ChronoUnit.MICROS.between(Instant.EPOCH, createdAt) + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a cursor this API issued; anything else is a 400 problem. */
    public static GrantCursor decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = raw.indexOf(':');
            long micros = Long.parseLong(raw.substring(0, colon));
            return new GrantCursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), UUID.fromString(raw.substring(colon + 1)));
        } catch (RuntimeException e) {
            throw new ProblemException(400, "invalid-cursor", "Bad Request", "The cursor is not one this API issued.");
        }
    }
}
