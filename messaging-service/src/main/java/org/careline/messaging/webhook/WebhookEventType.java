package org.careline.messaging.webhook;

import java.util.Arrays;

/** The events a subscription can ask for; {@link #wire()} is the {@code type} in the webhook body. */
public enum WebhookEventType {
    /** A new thread: its header Communication (subject, topic, care team). */
    THREAD_OPENED("thread.opened"),
    /** Every message, first ones, replies and automatic replies: a Communication with the text. */
    MESSAGE_POSTED("message.posted"),
    /** A thread closed after inactivity: its header Communication, status completed. */
    THREAD_CLOSED("thread.closed");

    private final String wire;

    WebhookEventType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** @throws IllegalArgumentException for an unknown name */
    public static WebhookEventType fromWire(String wire) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(wire)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown webhook event type"));
    }
}
