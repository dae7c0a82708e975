package org.careline.audit.service;

import org.careline.platform.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

/** Where the next page of break-the-glass grants starts: the last grant's time and id, opaque to clients. */
public record GrantCursor(Instant grantedAt, UUID id) {

    private static final String VERSION = "g1";
    private static final String BAD_CURSOR = "cursor is not a cursor returned by this API.";

    public String encode() {
        String plain = VERSION + "|" + grantedAt + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws ProblemException 400 when {@code text} is not a cursor this API issued */
    public static GrantCursor decode(String text) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|", -1);
            if (parts.length != 3 || !VERSION.equals(parts[0])) {
                throw ProblemException.badRequest(BAD_CURSOR);
            }
            return new GrantCursor(Instant.parse(parts[1]), UUID.fromString(parts[2]));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw ProblemException.badRequest(BAD_CURSOR);
        }
    }
}
