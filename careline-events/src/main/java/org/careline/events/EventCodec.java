package org.careline.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.time.Instant;
import java.util.UUID;

/**
 * Builds, writes and reads {@link CloudEvent}s. Thread-safe. Reading is strict about the envelope
 * (spec version, id, a known type) so that a malformed record fails fast and goes to the dead-letter
 * topic instead of being half-processed; unknown payload fields are tolerated (additive evolution).
 */
public final class EventCodec {

    private final ObjectMapper mapper;

    public EventCodec() {
        this.mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** A new envelope with a random id around {@code payload}, which must match {@code type}. */
    public CloudEvent envelope(EventType type, String source, String subject, String partitionKey,
                               Instant time, Object payload) {
        if (!type.payloadType().isInstance(payload)) {
            throw new IllegalArgumentException("payload " + payload.getClass().getSimpleName()
                    + " does not match event type " + type.type());
        }
        return new CloudEvent(CloudEvent.SPEC_VERSION, UUID.randomUUID().toString(), source, type.type(),
                subject, time, "application/json", type.schemaPath(), partitionKey,
                mapper.valueToTree(payload));
    }

    public String write(CloudEvent event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize event " + event.id(), e);
        }
    }

    /**
     * Parses and checks an envelope.
     *
     * @throws MalformedEventException when the text is not a CloudEvents 1.0 envelope of a known type
     */
    public CloudEvent read(String json) {
        CloudEvent event;
        try {
            event = mapper.readValue(json, CloudEvent.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // the parser message may quote the record: never include it
            throw new MalformedEventException("record is not a JSON CloudEvent");
        }
        if (event == null || !CloudEvent.SPEC_VERSION.equals(event.specversion())) {
            throw new MalformedEventException("unsupported or missing specversion");
        }
        if (event.id() == null || event.id().isBlank()) {
            throw new MalformedEventException("event has no id");
        }
        if (EventType.fromType(event.type()).isEmpty()) {
            throw new MalformedEventException("unknown event type");
        }
        if (event.data() == null || !event.data().isObject()) {
            throw new MalformedEventException("event " + event.id() + " has no data object");
        }
        return event;
    }

    /** The payload of {@code event} as the record of {@code type}, after checking the type matches. */
    public <T> T data(CloudEvent event, EventType type, Class<T> payloadClass) {
        if (!type.type().equals(event.type()) || !type.payloadType().equals(payloadClass)) {
            throw new MalformedEventException("event " + event.id() + " is not a " + type.type());
        }
        try {
            return mapper.treeToValue(event.data(), payloadClass);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MalformedEventException("event " + event.id() + " has malformed data");
        }
    }
}
