package org.careline.audit.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.careline.audit.config.AuditConfig;
import org.careline.events.AuditAction;
import org.careline.events.AuditOutcome;
import org.careline.platform.problem.ProblemException;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/**
 * Validates the filters of an audit query. Problems name the parameter but never echo its value
 * (a patient id is an identifier of a person).
 */
@ApplicationScoped
public class AuditQueryParser {

    /** The longest patient or user id an audit record can carry (see the event's JSON Schema). */
    static final int MAX_ID_LENGTH = 128;

    private final AuditConfig config;

    public AuditQueryParser(AuditConfig config) {
        this.config = config;
    }

    /** @throws ProblemException 400 naming the first invalid parameter */
    public AuditQuery parse(AuditFilters filters) {
        Instant from = instant("from", filters.from());
        Instant to = instant("to", filters.to());
        if (from != null && to != null && !from.isBefore(to)) {
            throw ProblemException.badRequest("from must be earlier than to.");
        }
        return new AuditQuery(
                id("patientId", filters.patientId()),
                id("userId", filters.userId()),
                constant("action", AuditAction.class, filters.action()),
                constant("outcome", AuditOutcome.class, filters.outcome()),
                from, to,
                limit(filters.limit()),
                blank(filters.cursor()) ? null : PageCursor.decode(filters.cursor()),
                id("resourceType", filters.resourceType()),
                id("resourceId", filters.resourceId()));
    }

    /** The patient id to record in the audit record of a query: the filter if it is a plausible id. */
    public static String patientIdOrNull(AuditFilters filters) {
        String patientId = filters.patientId();
        return blank(patientId) || patientId.length() > MAX_ID_LENGTH || hasControl(patientId) ? null : patientId;
    }

    private int limit(String text) {
        if (blank(text)) {
            return config.defaultPageSize();
        }
        try {
            int limit = Integer.parseInt(text.strip());
            if (limit >= 1 && limit <= config.maxPageSize()) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // same answer as out of range
        }
        throw ProblemException.badRequest("limit must be a whole number from 1 to " + config.maxPageSize() + ".");
    }

    private static String id(String name, String text) {
        if (blank(text)) {
            return null;
        }
        if (text.length() > MAX_ID_LENGTH) {
            throw ProblemException.badRequest(name + " must be at most " + MAX_ID_LENGTH + " characters.");
        }
        if (hasControl(text)) {
            // a NUL cannot even be compared in PostgreSQL text: it used to fail as a 500
            throw ProblemException.badRequest(name + " must not contain control characters.");
        }
        return text;
    }

    private static boolean hasControl(String text) {
        return text.chars().anyMatch(Character::isISOControl);
    }

    private static Instant instant(String name, String text) {
        if (blank(text)) {
            return null;
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name + " must be an ISO-8601 instant such as 2026-11-23T10:15:30Z.");
        }
    }

    private static <E extends Enum<E>> E constant(String name, Class<E> type, String text) {
        if (blank(text)) {
            return null;
        }
        try {
            return Enum.valueOf(type, text.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(name + " must be one of " + Arrays.toString(type.getEnumConstants()) + ".");
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
