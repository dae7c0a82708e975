package org.careline.audit.service;

import org.careline.audit.AuditRecord;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The canonical form of a stored audit record and its SHA-256. Version 1, documented in the README:
 * <pre>
 * careline-audit-record-v1 LF
 * then, for each field in this order, the field as "&lt;length&gt;:&lt;value&gt;" LF, or "-" LF when null:
 * chainId, chainSeq, prevHash, eventId, eventSource, eventType, sourceService, userId, username, role, clientId,
 * sourceAddress, action, resourceType, resourceId, patientId, purposeOfUse, outcome, requestId, occurredAt,
 * receivedAt, kafkaTopic, kafkaPartition, kafkaOffset, rawEvent
 * </pre>
 * Lengths count UTF-16 code units of the value ({@link String#length()}), numbers are decimal, instants are UTC
 * with exactly six fraction digits ({@code 2026-11-23T10:15:30.000000Z}, the database's precision). The
 * length prefix makes the encoding unambiguous whatever the values contain. The hash is lower-case hex.
 */
public final class RecordHasher {

    public static final String VERSION = "careline-audit-record-v1";
    /** The previous hash of the first record of a chain. */
    public static final String GENESIS = "0".repeat(64);

    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private RecordHasher() {
    }

    /** Instants as the database keeps them: microseconds. Apply before hashing and storing. */
    public static Instant micros(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    public static String canonical(AuditRecord r) {
        StringBuilder out = new StringBuilder(256 + (r.rawEvent != null ? r.rawEvent.length() : 0));
        out.append(VERSION).append('\n');
        Object[] fields = {r.chainId, r.chainSeq, r.prevHash, r.eventId, r.eventSource, r.eventType, r.sourceService,
                r.userId, r.username, r.role, r.clientId, r.sourceAddress, r.action, r.resourceType, r.resourceId,
                r.patientId, r.purposeOfUse, r.outcome, r.requestId, instant(r.occurredAt), instant(r.receivedAt),
                r.kafkaTopic, r.kafkaPartition, r.kafkaOffset, r.rawEvent};
        for (Object field : fields) {
            if (field == null) {
                out.append('-');
            } else {
                String value = field.toString();
                out.append(value.length()).append(':').append(value);
            }
            out.append('\n');
        }
        return out.toString();
    }

    public static String hash(AuditRecord r) {
        return sha256(canonical(r));
    }

    public static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** UTC with exactly six fraction digits, e.g. {@code 2026-11-23T10:15:30.000000Z}. */
    public static String instant(Instant instant) {
        return instant == null ? null : INSTANT.format(micros(instant));
    }
}
