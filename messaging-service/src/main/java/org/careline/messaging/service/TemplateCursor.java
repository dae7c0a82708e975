package org.careline.messaging.service;

import org.careline.platform.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/** Where a page of templates (ordered by name, then id) ends; opaque to clients. */
record TemplateCursor(String name, UUID id) {

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((id + ":" + name).getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a cursor this API issued; anything else is a 400 problem. */
    static TemplateCursor decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = raw.indexOf(':');
            return new TemplateCursor(raw.substring(colon + 1), UUID.fromString(raw.substring(0, colon)));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new ProblemException(400, "invalid-cursor", "Bad Request", "The cursor is not one this API issued.");
        }
    }
}
