package org.careline.billing.rest;

import org.careline.platform.problem.ProblemException;

import java.util.UUID;

/** Path ids: a malformed id is simply not found. */
final class Ids {

    private Ids() {
    }

    static UUID parse(String id, String notFound) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound(notFound);
        }
    }
}
