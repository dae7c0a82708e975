package org.careline.events;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every event type of the platform: its versioned CloudEvents {@code type}, the topic it travels on
 * and its payload record. A breaking change of a payload gets a new version (a new constant).
 */
public enum EventType {

    MESSAGE_POSTED("careline.messaging.message-posted.v1", Topics.MESSAGING_MESSAGES, MessagePosted.class),
    THREAD_OPENED("careline.messaging.thread-opened.v1", Topics.MESSAGING_THREADS, ThreadOpened.class),
    TIME_LOGGED("careline.messaging.time-logged.v1", Topics.MESSAGING_THREADS, TimeLogged.class),
    THREAD_REPLIED("careline.messaging.thread-replied.v1", Topics.MESSAGING_THREADS, ThreadReplied.class),
    THREAD_READ("careline.messaging.thread-read.v1", Topics.MESSAGING_THREADS, ThreadRead.class),
    THREAD_CLOSED("careline.messaging.thread-closed.v1", Topics.MESSAGING_THREADS, ThreadClosed.class),
    VISIT_REQUESTED("careline.messaging.visit-requested.v1", Topics.MESSAGING_THREADS, VisitRequested.class),
    VISIT_REQUEST_UPDATED("careline.messaging.visit-request-updated.v1", Topics.MESSAGING_THREADS,
            VisitRequestUpdated.class),
    CHARGE_CHANGED("careline.billing.charge-changed.v1", Topics.BILLING_CHARGES, ChargeChanged.class),
    NOTIFICATION_REQUESTED("careline.messaging.notification-requested.v1", Topics.MESSAGING_NOTIFICATIONS,
            NotificationRequested.class),
    PROXY_GRANT_CHANGED("careline.messaging.proxy-grant-changed.v1", Topics.MESSAGING_GRANTS,
            ProxyGrantChanged.class),
    MESSAGE_TRIAGED("careline.triage.message-triaged.v1", Topics.TRIAGE_DECISIONS, MessageTriaged.class),
    THREAD_ESCALATED("careline.triage.thread-escalated.v1", Topics.TRIAGE_ESCALATIONS, ThreadEscalated.class),
    QUEUE_ITEM_COMPLETED("careline.triage.queue-item-completed.v1", Topics.TRIAGE_DECISIONS, QueueItemCompleted.class),
    VISIT_RECOMMENDED("careline.triage.visit-recommended.v1", Topics.TRIAGE_ESCALATIONS, VisitRecommended.class),
    ACCESS_RECORDED("careline.audit.access-recorded.v1", Topics.AUDIT_RECORDS, AccessRecorded.class),
    BREAK_GLASS_GRANTED("careline.audit.break-glass-granted.v1", Topics.AUDIT_GRANTS, BreakGlassGranted.class);

    private final String type;
    private final String topic;
    private final Class<?> payloadType;

    EventType(String type, String topic, Class<?> payloadType) {
        this.type = type;
        this.topic = topic;
        this.payloadType = payloadType;
    }

    /** The CloudEvents {@code type} attribute, e.g. {@code careline.messaging.message-posted.v1}. */
    public String type() {
        return type;
    }

    public String topic() {
        return topic;
    }

    public Class<?> payloadType() {
        return payloadType;
    }

    /** The {@code dataschema} attribute: where the JSON Schema of the payload lives in this jar. */
    public String schemaPath() {
        return "/schemas/" + type + ".json";
    }

    public static Optional<EventType> fromType(String type) {
        return Arrays.stream(values()).filter(t -> t.type.equals(type)).findFirst();
    }
}
