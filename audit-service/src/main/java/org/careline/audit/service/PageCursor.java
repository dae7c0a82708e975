package org.careline.audit.service;

import org.careline.platform.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * The keyset position after which the next page starts: the last record's {@code occurredAt} and
 * store id. Clients see it as an opaque string; a version prefix lets its shape change later.
 */
public record PageCursor(Instant occurredAt, long id) {

    private static final String VERSION = "v1";
    private static final String BAD_CURSOR = "cursor is not a cursor returned by this API.";

    public String encode() {
        String plain = VERSION + "|" + occurredAt + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws ProblemException 400 when {@code text} is not a cursor this API issued */
    public static PageCursor decode(String text) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            String[] parts = plain.split("\\|", -1);
            if (parts.length != 3 || !VERSION.equals(parts[0])) {
                throw ProblemException.badRequest(BAD_CURSOR);
            }
            return new PageCursor(Instant.parse(parts[1]), Long.parseLong(parts[2]));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            // NumberFormatException is an IllegalArgumentException
            throw ProblemException.badRequest(BAD_CURSOR);
        }
    }
}
