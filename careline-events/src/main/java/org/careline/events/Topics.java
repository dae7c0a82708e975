package org.careline.events;

/**
 * Kafka topic names. Each topic has one producing service; the record key keeps related events
 * ordered (see {@code docs/events.md}).
 */
public final class Topics {

    /** Posted messages with their text (PHI). Key: thread id. Producer: messaging. Consumer: triage. */
    public static final String MESSAGING_MESSAGES = "careline.messaging.messages";

    /** Thread lifecycle and logged time, without message text. Key: thread id. Producer: messaging.
     * Consumer: billing. */
    public static final String MESSAGING_THREADS = "careline.messaging.threads";

    /**
     * Notification requests for external SMS/e-mail/push senders: identifiers only, never PHI.
     * Key: recipient id. Producer: messaging.
     */
    public static final String MESSAGING_NOTIFICATIONS = "careline.messaging.notifications";

    /**
     * Proxy grant changes (caregiver username, patient id, scope, expiry, revocation): no PHI.
     * Key: patient id. Producer: messaging. Consumer: billing.
     */
    public static final String MESSAGING_GRANTS = "careline.messaging.grants";

    /** Triage decisions. Key: thread id. Producer: triage. */
    public static final String TRIAGE_DECISIONS = "careline.triage.decisions";

    /**
     * Escalations: emergencies at once, overdue work later. Key: thread id. Producer: triage.
     * Consumer: messaging (emergency auto-reply).
     */
    public static final String TRIAGE_ESCALATIONS = "careline.triage.escalations";

    /** E-visit charge state changes (identifiers and codes). Key: charge id. Producer: billing. */
    public static final String BILLING_CHARGES = "careline.billing.charges";

    /** Audit records of every access to patient data. Key: patient id. Producers: all. Consumer: audit. */
    public static final String AUDIT_RECORDS = "careline.audit.records";

    /**
     * Break-the-glass grants. Key: patient id. Producer: audit. Consumers: services holding patient
     * data (messaging).
     */
    public static final String AUDIT_GRANTS = "careline.audit.grants";

    /** Prefix of the per-consumer dead-letter topics, e.g. {@code careline.dlq.triage}. */
    public static final String DEAD_LETTER_PREFIX = "careline.dlq.";

    private Topics() {
    }
}
