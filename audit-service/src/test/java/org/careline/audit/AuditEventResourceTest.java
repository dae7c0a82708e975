package org.careline.audit;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.careline.events.AuditAction;
import org.careline.events.AuditOutcome;
import org.careline.events.CloudEvent;
import org.careline.testsupport.EmbeddedKafkaResource;
import org.careline.testsupport.TestOidcResource;
import org.careline.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.careline.audit.AuditFixtures.ADMIN;
import static org.careline.audit.AuditFixtures.AUDITOR;
import static org.careline.audit.AuditFixtures.BILLER;
import static org.careline.audit.AuditFixtures.CAREGIVER;
import static org.careline.audit.AuditFixtures.CLINICIAN;
import static org.careline.audit.AuditFixtures.EVENTS;
import static org.careline.audit.AuditFixtures.PATIENT;
import static org.careline.audit.AuditFixtures.STAFF;
import static org.careline.audit.AuditFixtures.access;
import static org.careline.audit.AuditFixtures.event;
import static org.careline.audit.AuditFixtures.newPatientId;
import static org.careline.audit.AuditFixtures.publish;
import static org.careline.audit.AuditFixtures.read;
import static org.careline.audit.AuditFixtures.search;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

@QuarkusTest
@WithTestResource(AuditPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class AuditEventResourceTest {

    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    // --- authorization ---------------------------------------------------------------------------

    @Test
    void anAuditorReadsTheAuditTrail() {
        search(AUDITOR, Map.of()).then().statusCode(200)
                .contentType("application/json")
                .body("items", notNullValue())
                .body("$", hasKey("nextCursor"));
    }

    static Stream<Arguments> everyoneElse() {
        return Stream.of(Arguments.of("patient", PATIENT), Arguments.of("caregiver", CAREGIVER),
                Arguments.of("clinician", CLINICIAN), Arguments.of("staff", STAFF), Arguments.of("billing", BILLER),
                Arguments.of("admin", ADMIN));
    }

    @ParameterizedTest(name = "{0} is refused")
    @MethodSource("everyoneElse")
    void everyOtherRoleIsRefused(String role, String token) {
        search(token, Map.of()).then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", endsWith("/forbidden"))
                .body("status", equalTo(403));
    }

    @Test
    void aRefusalComesBeforeFilterValidation() {
        search(PATIENT, Map.of("from", "yesterday")).then().statusCode(403);
    }

    @Test
    void noTokenIs401AndAForeignOrExpiredTokenToo() {
        given().get(EVENTS).then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"));
        String foreign = TestTokens.user("auditor1").roles("auditor").audience("someone-else").sign();
        search(foreign, Map.of()).then().statusCode(401);
        String expired = TestTokens.user("auditor1").roles("auditor").expiresAt(1_000_000_000L).sign();
        search(expired, Map.of()).then().statusCode(401);
    }

    @Test
    void theOperationIsDocumentedInOpenApi() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/v1/audit/events'.get.parameters.name",
                        containsInAnyOrder("patientId", "userId", "action", "outcome", "from", "to", "limit", "cursor",
                                "resourceType", "resourceId"))
                .body("paths.'/api/v1/audit/events'.get.responses", hasKey("403"));
    }

    // --- every query is audited --------------------------------------------------------------------

    @Test
    void aQueryIsItselfAuditedAndComesBackThroughKafka() {
        String patient = newPatientId("P-queried");
        String requestId = "req-" + UUID.randomUUID();
        given().auth().oauth2(AUDITOR).header("X-Request-Id", requestId).queryParam("patientId", patient)
                .get(EVENTS).then().statusCode(200).body("items", hasSize(0));

        await().atMost(PATIENCE).untilAsserted(() ->
                search(AUDITOR, Map.of("patientId", patient, "action", "QUERY", "userId", "sub-auditor1"))
                        .then().statusCode(200)
                        .body("items.requestId", hasItem(requestId)));
        JsonPath page = search(AUDITOR, Map.of("patientId", patient, "action", "QUERY", "limit", "200"))
                .then().statusCode(200).extract().jsonPath();
        Map<String, Object> record = page.getMap("items.find { it.requestId == '" + requestId + "' }");
        assertEquals("audit-service", record.get("sourceService"));
        assertEquals("auditor1", record.get("username"));
        assertEquals("auditor", record.get("role"));
        assertEquals("AuditEvent", record.get("resourceType"));
        assertEquals("HOPERAT", record.get("purposeOfUse"));
        assertEquals("SUCCESS", record.get("outcome"));
        assertEquals(patient, record.get("patientId"));
        assertNotNull(record.get("receivedAt"));
    }

    @Test
    void aRefusedQueryIsAuditedAsDenied() {
        String patient = newPatientId("P-snooped");
        search(PATIENT, Map.of("patientId", patient)).then().statusCode(403);

        await().atMost(PATIENCE).untilAsserted(() ->
                search(AUDITOR, Map.of("patientId", patient, "outcome", "DENIED"))
                        .then().statusCode(200)
                        .body("items", hasSize(1))
                        .body("items[0].action", equalTo("QUERY"))
                        .body("items[0].userId", equalTo("sub-patient1"))
                        .body("items[0].role", equalTo("patient"))
                        .body("items[0].resourceType", equalTo("AuditEvent")));
    }

    // --- filters -----------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}={1} is refused")
    @CsvSource(delimiter = '|', value = {
            "from     | yesterday",
            "from     | 2026-11-23",
            "to       | 2026-13-01T00:00:00Z",
            "action   | PEEK",
            "action   | read",
            "outcome  | MAYBE",
            "limit    | 0",
            "limit    | 201",
            "limit    | ten",
            "limit    | -5",
            "cursor   | !!not-base64!!",
            "cursor   | aGVsbG8",
            "cursor   | djF8bm90LWEtdGltZXwx",
            "cursor   | djJ8MjAyNi0xMS0yM1QxMDoxNTozMFp8NDI"})
    void anInvalidParameterIs400ProblemNamingIt(String name, String value) {
        search(AUDITOR, Map.of(name, value)).then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", endsWith("/bad-request"))
                .body("status", equalTo(400))
                .body("detail", containsString(name));
    }

    @ParameterizedTest(name = "{0} is not echoed")
    @ValueSource(strings = {"patientId", "userId", "from", "to", "action", "outcome", "limit", "cursor"})
    void anInvalidValueIsNeverEchoed(String name) {
        // overlong for the ids, unparseable for everything else
        String value = "P-secret-" + "x".repeat(130);
        search(AUDITOR, Map.of(name, value)).then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString(name))
                .body(not(containsString("P-secret")));
    }

    @Test
    void fromMustBeBeforeTo() {
        search(AUDITOR, Map.of("from", "2026-11-23T11:00:00Z", "to", "2026-11-23T10:00:00Z"))
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("from"));
    }

    @Test
    void filtersNarrowTheResult() {
        String patient = newPatientId("P-filters");
        String nurse = "sub-" + UUID.randomUUID();
        CloudEvent early = event(read(patient, "sub-dr.lee", T));
        CloudEvent denied = event(access(patient, nurse, AuditAction.READ, AuditOutcome.DENIED, T.plusSeconds(60)));
        CloudEvent created = event(access(patient, nurse, AuditAction.CREATE, AuditOutcome.SUCCESS, T.plusSeconds(120)));
        publish(early, denied, created);
        awaitStored(Map.of("patientId", patient, "from", T.toString(), "to", T.plusSeconds(121).toString()), 3);

        assertEventIds(Map.of("userId", nurse), created, denied);
        assertEventIds(Map.of("patientId", patient, "action", "CREATE"), created);
        assertEventIds(Map.of("patientId", patient, "outcome", "DENIED"), denied);
        assertEventIds(Map.of("patientId", patient, "action", "READ", "outcome", "SUCCESS"), early);
        // from is inclusive, to exclusive
        assertEventIds(Map.of("patientId", patient, "from", T.plusSeconds(60).toString(),
                "to", T.plusSeconds(120).toString()), denied);
        assertEventIds(Map.of("patientId", patient, "to", T.plusSeconds(60).toString()), early);
        assertEventIds(Map.of("userId", nurse, "from", "2026-11-23T11:01:00+01:00"), created, denied);
        // by resource: the type, and one resource by its id
        assertEventIds(Map.of("patientId", patient, "resourceType", "Thread"), created, denied, early);
        search(AUDITOR, Map.of("patientId", patient, "resourceType", "Message")).then().statusCode(200)
                .body("items", hasSize(0));
        String deniedResource = AuditFixtures.CODEC.data(denied, org.careline.events.EventType.ACCESS_RECORDED,
                org.careline.events.AccessRecorded.class).resourceId();
        assertEventIds(Map.of("resourceId", deniedResource), denied);
    }

    // --- pagination --------------------------------------------------------------------------------

    @Test
    void pagesWalkEveryRecordOnceNewestFirst() {
        String patient = newPatientId("P-pages");
        int total = 55;
        // groups of three share a timestamp, so the store order must break the ties
        List<CloudEvent> events = IntStream.range(0, total)
                .mapToObj(i -> event(read(patient, "sub-dr.lee", T.minusSeconds(i / 3))))
                .toList();
        publish(events.toArray(CloudEvent[]::new));
        Map<String, String> readsOfPatient = Map.of("patientId", patient, "action", "READ");
        awaitStored(readsOfPatient, total);

        // same key, same partition: stored in publishing order, so ties go to the later-published first
        List<String> expected = IntStream.range(0, total).boxed()
                .sorted(Comparator.<Integer, Instant>comparing(i -> events.get(i).time()).reversed()
                        .thenComparing(Comparator.<Integer>reverseOrder()))
                .map(i -> events.get(i).id())
                .toList();

        List<String> walked = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, String> params = new HashMap<>(readsOfPatient);
            params.put("limit", "7");
            if (cursor != null) {
                params.put("cursor", cursor);
            }
            JsonPath page = search(AUDITOR, params).then().statusCode(200).extract().jsonPath();
            List<String> ids = page.getList("items.eventId");
            walked.addAll(ids);
            pageSizes.add(ids.size());
            cursor = page.getString("nextCursor");
        } while (cursor != null && pageSizes.size() < 20);

        assertEquals(List.of(7, 7, 7, 7, 7, 7, 7, 6), pageSizes);
        assertEquals(total, new LinkedHashSet<>(walked).size(), "no duplicates");
        assertEquals(expected, walked, "no gaps, newest first, ties in reverse store order");
    }

    @Test
    void theDefaultPageIs50AndAPageThatEndsExactlyHasNoCursor() {
        String patient = newPatientId("P-default");
        int total = 55;
        publish(IntStream.range(0, total).mapToObj(i -> event(read(patient, "sub-dr.lee", T.plusSeconds(i))))
                .toArray(CloudEvent[]::new));
        Map<String, String> readsOfPatient = Map.of("patientId", patient, "action", "READ");
        awaitStored(readsOfPatient, total);

        String cursor = search(AUDITOR, readsOfPatient).then().statusCode(200)
                .body("items", hasSize(50))
                .body("nextCursor", notNullValue())
                .extract().path("nextCursor");
        Map<String, String> rest = new HashMap<>(readsOfPatient);
        rest.put("cursor", cursor);
        rest.put("limit", "5");
        String end = search(AUDITOR, rest).then().statusCode(200)
                .body("items", hasSize(5))
                .extract().path("nextCursor");
        assertNull(end, "five left, five asked: nothing follows");
        Map<String, String> all = new HashMap<>(readsOfPatient);
        all.put("limit", "200");
        search(AUDITOR, all).then().statusCode(200).body("items", hasSize(total)).body("nextCursor", nullValue());
    }

    @Test
    void aCursorIsOpaqueText() {
        String cursor = "v1|2026-11-23T10:15:30Z|42";
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(cursor.getBytes(StandardCharsets.UTF_8));
        // a well-formed cursor is accepted even when nothing lies beyond it
        search(AUDITOR, Map.of("cursor", encoded, "patientId", newPatientId("P-none")))
                .then().statusCode(200).body("items", hasSize(0)).body("nextCursor", nullValue());
    }

    private static void awaitStored(Map<String, String> filters, int count) {
        Map<String, String> params = new HashMap<>(filters);
        params.put("limit", "200");
        await().atMost(PATIENCE).untilAsserted(() ->
                search(AUDITOR, params).then().statusCode(200).body("items", hasSize(count)));
    }

    private static void assertEventIds(Map<String, String> filters, CloudEvent... expected) {
        List<String> ids = Stream.of(expected).map(CloudEvent::id).toList();
        search(AUDITOR, filters).then().statusCode(200)
                .body("items.eventId", contains(ids.toArray(String[]::new)));
    }
}
