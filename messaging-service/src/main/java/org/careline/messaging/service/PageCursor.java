package org.careline.messaging.service;

import org.careline.platform.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/**
 * Where the next page of threads starts: the last thread's activity time and id, opaque to clients
 * (URL-safe base64). Keyset pagination, newest activity first.
 */
public record PageCursor(Instant updatedAt, UUID id) {

    public String encode() {
        String raw = ChronoUnit.MICROS.between(Instant.EPOCH, updatedAt) + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a cursor this API issued; anything else is a 400 problem. */
    public static PageCursor decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = raw.indexOf(':');
            long micros = Long.parseLong(raw.substring(0, colon));
            return new PageCursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), UUID.fromString(raw.substring(colon + 1)));
        } catch (RuntimeException e) {
            throw new ProblemException(400, "invalid-cursor", "Bad Request", "The cursor is not one this API issued.");
        }
    }
}
