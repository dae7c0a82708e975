package org.careline.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventContractsTest {

    private static final Instant T = Instant.parse("2026-11-23T10:15:30Z");
    private static final Participant PATIENT = new Participant("u-1", ParticipantRole.PATIENT, null);

    /** One realistic payload per event type: adding a type without a sample fails this test. */
    private static final Map<EventType, Object> SAMPLES = Map.ofEntries(
            Map.entry(EventType.MESSAGE_POSTED, new MessagePosted("t-1", "m-1", "P-1001", "family-medicine",
                    MessageTopic.MEDICATION, PATIENT, true, true, "Refill", "Please refill my inhaler", T)),
            Map.entry(EventType.THREAD_OPENED, new ThreadOpened("t-1", "P-1001", "family-medicine",
                    MessageTopic.MEDICATION, PATIENT, true, T)),
            Map.entry(EventType.TIME_LOGGED, new TimeLogged("t-1", "m-2", "P-1001", "family-medicine",
                    MessageTopic.CLINICAL_QUESTION, new Participant("u-9", ParticipantRole.CLINICIAN, "MD"),
                    7, true, true, T)),
            Map.entry(EventType.THREAD_REPLIED, new ThreadReplied("t-1", "m-2", "P-1001", "family-medicine",
                    MessageTopic.MEDICATION, new Participant("u-9", ParticipantRole.CLINICIAN, "MD"),
                    "AWAITING_PATIENT", true, T)),
            Map.entry(EventType.THREAD_READ, new ThreadRead("t-1", "P-1001", "family-medicine", PATIENT, "m-2", T)),
            Map.entry(EventType.THREAD_CLOSED, new ThreadClosed("t-1", "P-1001", "family-medicine", "INACTIVITY",
                    T, T.plusSeconds(30L * 24 * 3600))),
            Map.entry(EventType.VISIT_REQUESTED, new VisitRequested("v-1", "t-1", "P-1001", "family-medicine",
                    VisitRequestSource.CARE_TEAM, new Participant("u-9", ParticipantRole.CLINICIAN, "MD"),
                    VisitType.VIDEO, VisitReason.NEEDS_EXAMINATION, true, T)),
            Map.entry(EventType.VISIT_REQUEST_UPDATED, new VisitRequestUpdated("v-1", "t-1", "P-1001",
                    "family-medicine", VisitRequestStatus.CANCELLED, VisitRequestStatus.SCHEDULED, null,
                    VisitCancelReason.PATIENT_DECLINED, "careline-ehr", T)),
            Map.entry(EventType.CHARGE_CHANGED, new ChargeChanged("c-1", "e-1", "P-1001", "READY", "PENDING",
                    "99422", 14, null, T)),
            Map.entry(EventType.NOTIFICATION_REQUESTED, new NotificationRequested("n-1", "t-1", "m-2",
                    NotificationRecipientKind.PATIENT, "P-1001", NotificationChannel.PREFERRED,
                    "new-message-from-care-team", "/threads/t-1", T)),
            Map.entry(EventType.PROXY_GRANT_CHANGED, new ProxyGrantChanged("g-1", "caregiver1", "P-1001",
                    "READ_WRITE", T.plusSeconds(30L * 24 * 3600), null, T)),
            Map.entry(EventType.MESSAGE_TRIAGED, new MessageTriaged("t-1", "m-1", "P-1001", "family-medicine",
                    Urgency.ROUTINE, Category.MEDICATION, "refill-pool", T.plusSeconds(3600), "rules-1", T)),
            Map.entry(EventType.THREAD_ESCALATED, new ThreadEscalated("t-1", "m-1", "P-1001", "family-medicine",
                    "nurse-triage", Urgency.EMERGENT, EscalationReason.EMERGENT, T.plusSeconds(900), T)),
            Map.entry(EventType.VISIT_RECOMMENDED, new VisitRecommended("r-1", "t-1", "m-1", "P-1001",
                    "family-medicine", VisitType.IN_PERSON, VisitReason.NEEDS_EXAMINATION, "visit-exam-request",
                    "rules-1", T)),
            Map.entry(EventType.QUEUE_ITEM_COMPLETED, new QueueItemCompleted("t-1", "i-1", "P-1001", "family-medicine",
                    "refill-pool", Urgency.ROUTINE, "u-9", T, T.plusSeconds(7200), T.plusSeconds(3600), false)),
            Map.entry(EventType.ACCESS_RECORDED, new AccessRecorded("messaging-service", "u-1", "patient1",
                    "patient", "careline-web", "127.0.0.1", AuditAction.CREATE, "Thread", "t-1", "P-1001",
                    "TREAT", AuditOutcome.SUCCESS, "req-1", T)),
            Map.entry(EventType.BREAK_GLASS_GRANTED, new BreakGlassGranted("g-1", "u-7", "P-1001", T,
                    T.plusSeconds(4 * 3600))));

    private final EventCodec codec = new EventCodec();
    private final ObjectMapper mapper = new ObjectMapper();

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyEventTypeSerializesToItsSchema(EventType type) throws Exception {
        Object payload = SAMPLES.get(type);
        assertNotNull(payload, "no sample for " + type);
        CloudEvent event = codec.envelope(type, "/careline/test", "t-1", "t-1", T, payload);

        JsonNode written = mapper.readTree(codec.write(event));
        assertEquals("1.0", written.get("specversion").asText());
        assertEquals(type.type(), written.get("type").asText());
        assertEquals("2026-11-23T10:15:30Z", written.get("time").asText());

        Set<ValidationMessage> errors = schema(type).validate(written.get("data"));
        assertTrue(errors.isEmpty(), () -> type + " sample violates its schema: " + errors);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void schemaRejectsAPayloadWithoutItsRequiredFields(EventType type) throws Exception {
        ObjectNode data = (ObjectNode) mapper.readTree(codec.write(
                codec.envelope(type, "/careline/test", "t-1", "t-1", T, SAMPLES.get(type)))).get("data");
        String firstRequired = schema(type).getSchemaNode().get("required").get(0).asText();
        data.remove(firstRequired);

        assertFalse(schema(type).validate(data).isEmpty(), type + " accepted data without " + firstRequired);
    }

    @Test
    void roundTripKeepsThePayload() {
        CloudEvent sent = codec.envelope(EventType.THREAD_OPENED, "/careline/test", "t-1", "t-1", T,
                SAMPLES.get(EventType.THREAD_OPENED));

        CloudEvent received = codec.read(codec.write(sent));

        assertEquals(sent.id(), received.id());
        assertEquals(SAMPLES.get(EventType.THREAD_OPENED),
                codec.data(received, EventType.THREAD_OPENED, ThreadOpened.class));
    }

    @Test
    void envelopeRefusesAPayloadOfAnotherType() {
        assertThrows(IllegalArgumentException.class, () -> codec.envelope(EventType.MESSAGE_POSTED,
                "/careline/test", "t-1", "t-1", T, SAMPLES.get(EventType.THREAD_OPENED)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "not json at all: chest pain since this morning",
            "{\"specversion\":\"0.3\",\"id\":\"e1\",\"type\":\"careline.messaging.thread-opened.v1\",\"data\":{}}",
            "{\"specversion\":\"1.0\",\"type\":\"careline.messaging.thread-opened.v1\",\"data\":{}}",
            "{\"specversion\":\"1.0\",\"id\":\"e1\",\"type\":\"careline.unknown.v1\",\"data\":{}}",
            "{\"specversion\":\"1.0\",\"id\":\"e1\",\"type\":\"careline.messaging.thread-opened.v1\"}",
            "null"})
    void readRejectsMalformedRecordsWithoutQuotingThem(String record) {
        MalformedEventException e = assertThrows(MalformedEventException.class, () -> codec.read(record));
        assertFalse(e.getMessage().contains("chest pain"));
    }

    @Test
    void dataRejectsAMismatchedType() {
        CloudEvent event = codec.envelope(EventType.THREAD_OPENED, "/careline/test", "t-1", "t-1", T,
                SAMPLES.get(EventType.THREAD_OPENED));
        assertThrows(MalformedEventException.class,
                () -> codec.data(event, EventType.MESSAGE_POSTED, MessagePosted.class));
    }

    private static JsonSchema schema(EventType type) throws Exception {
        try (InputStream in = EventContractsTest.class.getResourceAsStream(type.schemaPath())) {
            assertNotNull(in, "missing schema " + type.schemaPath());
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }
}
