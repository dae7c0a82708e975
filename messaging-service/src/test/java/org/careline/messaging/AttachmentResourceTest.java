package org.careline.messaging;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.careline.events.AccessRecorded;
import org.careline.events.AuditAction;
import org.careline.events.AuditOutcome;
import org.careline.testsupport.EmbeddedKafkaResource;
import org.careline.testsupport.EmbeddedPostgresResource;
import org.careline.testsupport.TestDatabase;
import org.careline.testsupport.TestOidcResource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Uploads and streamed downloads of attachments: type from content, size limit, thread access rules, audit. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(EmbeddedKafkaResource.class)
@WithTestResource(TestOidcResource.class)
class AttachmentResourceTest {

    private static final int MAX = 10 * 1024 * 1024;
    private static final byte[] PNG = bytes(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, 1000);
    private static final byte[] JPEG = bytes(new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0}, 3000);

    @Test
    void aPatientAttachesAPdfAndTheCareTeamDownloadsItStreamed() throws Exception {
        String thread = openThread();
        byte[] pdf = bytes("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), 700_000); // three chunks of 256 KiB

        Response uploaded = upload(ThreadResourceTest.PATIENT1, thread, pdf, "image/png");
        uploaded.then().statusCode(201)
                .header("Location", endsWith("/api/v1/threads/" + thread + "/attachments/" + uploaded.path("id")))
                .body("mediaType", equalTo("application/pdf"))
                .body("sizeBytes", equalTo(pdf.length))
                .body("sha256", equalTo(sha256(pdf)));
        String id = uploaded.path("id");

        Response download = given().auth().oauth2(ThreadResourceTest.DR_LEE)
                .get("/api/v1/threads/{t}/attachments/{a}", thread, id);
        download.then().statusCode(200)
                .contentType("application/pdf")
                .header("Content-Disposition", equalTo("attachment; filename=\"attachment-" + id + ".pdf\""))
                .header("X-Content-Type-Options", "nosniff")
                .header("Transfer-Encoding", "chunked");
        assertArrayEquals(pdf, download.asByteArray());

        given().auth().oauth2(ThreadResourceTest.PATIENT1).get("/api/v1/threads/{t}/attachments", thread)
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].id", equalTo(id));

        List<AccessRecorded> audited = TestDatabase.auditedAccesses("Attachment/" + id);
        assertEquals(List.of(AuditAction.CREATE, AuditAction.READ), audited.stream().map(AccessRecorded::action).toList());
        assertEquals(List.of(AuditOutcome.SUCCESS, AuditOutcome.SUCCESS), audited.stream().map(AccessRecorded::outcome).toList());
        assertEquals("P-1001", audited.get(1).patientId());
        assertEquals("dr.lee", audited.get(1).username());
    }

    @Test
    void pngAndJpegAreDetectedFromTheirContent() {
        String thread = openThread();
        upload(ThreadResourceTest.PATIENT1, thread, PNG, "application/pdf").then().statusCode(201)
                .body("mediaType", equalTo("image/png"));
        // whatever the client claims, no body reader interprets the file: JSON and text types too
        upload(ThreadResourceTest.PATIENT1, thread, PNG, "application/json").then().statusCode(201)
                .body("mediaType", equalTo("image/png"));
        upload(ThreadResourceTest.PATIENT1, thread, PNG, "text/plain").then().statusCode(201)
                .body("mediaType", equalTo("image/png"));
        String jpeg = upload(ThreadResourceTest.DR_LEE, thread, JPEG, "application/octet-stream").then().statusCode(201)
                .body("mediaType", equalTo("image/jpeg")).extract().path("id");
        Response download = given().auth().oauth2(ThreadResourceTest.PATIENT1)
                .get("/api/v1/threads/{t}/attachments/{a}", thread, jpeg);
        download.then().statusCode(200).contentType("image/jpeg");
        assertArrayEquals(JPEG, download.asByteArray());
    }

    @Test
    void exactlyTheLimitIsAcceptedAndOneByteMoreIs413Problem() {
        String thread = openThread();
        byte[] atLimit = bytes("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII), MAX);
        upload(ThreadResourceTest.PATIENT1, thread, atLimit, "application/pdf").then().statusCode(201)
                .body("sizeBytes", equalTo(MAX));

        byte[] over = Arrays.copyOf(atLimit, MAX + 1);
        upload(ThreadResourceTest.PATIENT1, thread, over, "application/pdf").then().statusCode(413)
                .contentType("application/problem+json")
                .body("type", endsWith("/attachment-too-large"))
                .body("status", equalTo(413));

        // far above every limit: refused before the body is read, still as a problem
        upload(ThreadResourceTest.PATIENT1, thread, Arrays.copyOf(atLimit, 17 * 1024 * 1024), "application/pdf")
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", endsWith("/payload-too-large"));
    }

    @Test
    void anExecutableNamedPdfIs415Problem() {
        String thread = openThread();
        byte[] exe = bytes(new byte[]{'M', 'Z', (byte) 0x90, 0, 3, 0}, 4096);
        given().auth().oauth2(ThreadResourceTest.PATIENT1).contentType("application/pdf")
                .header("Content-Disposition", "attachment; filename=\"results.pdf\"")
                .body(exe).post("/api/v1/threads/{t}/attachments", thread)
                .then().statusCode(415).contentType("application/problem+json")
                .body("type", endsWith("/unsupported-attachment-type"));
        upload(ThreadResourceTest.PATIENT1, thread, "%PD".getBytes(StandardCharsets.US_ASCII), "application/pdf")
                .then().statusCode(415);
        upload(ThreadResourceTest.PATIENT1, thread, new byte[0], "application/pdf").then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(ThreadResourceTest.PATIENT1).get("/api/v1/threads/{t}/attachments", thread)
                .then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void someoneElsesThreadLooksMissingAndIsAuditedAsDenied() {
        String thread = openThread();
        String id = upload(ThreadResourceTest.PATIENT1, thread, PNG, "image/png").then().statusCode(201).extract().path("id");

        Response others = given().auth().oauth2(ThreadResourceTest.PATIENT2).header("X-Request-Id", "same")
                .get("/api/v1/threads/{t}/attachments/{a}", thread, id);
        String missingThread = UUID.randomUUID().toString();
        Response missing = given().auth().oauth2(ThreadResourceTest.PATIENT2).header("X-Request-Id", "same")
                .get("/api/v1/threads/{t}/attachments/{a}", missingThread, id);
        others.then().statusCode(404).contentType("application/problem+json");
        missing.then().statusCode(404).contentType("application/problem+json");
        assertEquals(missing.asString().replace(missingThread, thread), others.asString());

        given().auth().oauth2(ThreadResourceTest.CARDIOLOGIST).get("/api/v1/threads/{t}/attachments/{a}", thread, id)
                .then().statusCode(404);
        upload(ThreadResourceTest.PATIENT2, thread, PNG, "image/png").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(ThreadResourceTest.PATIENT2).get("/api/v1/threads/{t}/attachments", thread)
                .then().statusCode(404);
        given().auth().oauth2(ThreadResourceTest.BILLER).get("/api/v1/threads/{t}/attachments/{a}", thread, id)
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(ThreadResourceTest.DR_LEE)
                .get("/api/v1/threads/{t}/attachments/{a}", thread, UUID.randomUUID()).then().statusCode(404);
        given().auth().oauth2(ThreadResourceTest.DR_LEE).get("/api/v1/threads/{t}/attachments/not-a-uuid", thread)
                .then().statusCode(404);

        List<AccessRecorded> audited = TestDatabase.auditedAccesses("Attachment/" + id);
        assertTrue(audited.stream().anyMatch(r -> r.username().equals("patient2") && r.action() == AuditAction.READ
                && r.outcome() == AuditOutcome.DENIED && "P-1001".equals(r.patientId())), audited::toString);
        assertTrue(audited.stream().anyMatch(r -> r.username().equals("dr.shah") && r.outcome() == AuditOutcome.DENIED));
    }

    private static String openThread() {
        return ThreadResourceTest.open(ThreadResourceTest.PATIENT1, ThreadResourceTest.NEW_THREAD)
                .then().statusCode(201).extract().path("id");
    }

    private static Response upload(String token, String thread, byte[] content, String claimedType) {
        return given().auth().oauth2(token).contentType(claimedType).body(content)
                .post("/api/v1/threads/{t}/attachments", thread);
    }

    /** {@code magic} followed by random bytes up to {@code size}. */
    private static byte[] bytes(byte[] magic, int size) {
        byte[] content = new byte[size];
        new Random(size).nextBytes(content);
        System.arraycopy(magic, 0, content, 0, magic.length);
        return content;
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
