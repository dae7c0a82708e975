package org.careline.messaging;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.careline.testsupport.TestDatabase;
import org.careline.testsupport.TestTokens;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Tokens shaped like the careline realm's users, and small request helpers for the tests. */
final class Actors {

    // Tokens live for the whole test run (TestTokens' own last 5 minutes; the module's suite runs longer).
    static final String PATIENT1 = patient("patient1", "P-1001", "family-medicine");
    static final String PATIENT2 = patient("patient2", "P-1002", "cardiology");
    static final String DR_LEE = clinician("dr.lee", "MD", "/care-teams/family-medicine/physicians");
    static final String NP_KIM = clinician("np.kim", "NP", "/care-teams/family-medicine/physicians");
    static final String DR_SHAH = clinician("dr.shah", "MD", "/care-teams/cardiology/physicians");
    static final String FRONT_DESK = user("frontdesk1").roles("staff")
            .groups("/care-teams/family-medicine/front-desk").sign();
    static final String BILLER = user("biller1").roles("billing").groups("/billing-office").sign();
    static final String AUDITOR = user("auditor1").roles("auditor").groups("/compliance").sign();
    static final String ADMIN = user("admin1").roles("admin").sign();

    static final String NEW_THREAD = """
            {"subject":"Inhaler refill","body":"Could you refill my albuterol inhaler?","topic":"MEDICATION"}""";

    private Actors() {
    }

    static TestTokens.Builder user(String username) {
        return TestTokens.user(username).expiresAt(Instant.now().plus(4, ChronoUnit.HOURS).getEpochSecond());
    }

    static String patient(String username, String patientId, String careTeam) {
        return user(username).roles("patient").claim("patient_id", patientId).claim("care_team", careTeam).sign();
    }

    static String clinician(String username, String credential, String... groups) {
        return user(username).roles("clinician").claim("credential", credential).groups(groups).sign();
    }

    static String caregiver(String username) {
        return user(username).roles("caregiver").sign();
    }

    static Response open(String token, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/v1/threads");
    }

    static String openThread(String token, String body) {
        return open(token, body).then().statusCode(201).extract().path("id");
    }

    static Response reply(String token, String threadId, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/v1/threads/{id}/messages", threadId);
    }

    /** A proxy grant created by staff through the API; returns its id. */
    static String grant(String caregiver, String patientId, String scope) {
        return given().auth().oauth2(FRONT_DESK).contentType(ContentType.JSON)
                .body("{\"caregiver\":\"" + caregiver + "\",\"patientId\":\"" + patientId + "\",\"scope\":\"" + scope
                        + "\",\"expiresAt\":\"" + Instant.now().plus(30, ChronoUnit.DAYS) + "\"}")
                .post("/api/v1/proxy-grants").then().statusCode(201).extract().path("id");
    }

    /** A grant that expired an hour ago (the API refuses to create one, so it goes in by SQL). */
    static void expiredGrant(String caregiver, String patientId) {
        Instant past = Instant.now().minus(1, ChronoUnit.HOURS);
        TestDatabase.execute("insert into proxy_grant (id, caregiver, patient_id, scope, expires_at, granted_by,"
                        + " created_at, updated_at) values (?, ?, ?, 'READ_WRITE', ?, 'sub-frontdesk1', ?, ?)",
                UUID.randomUUID(), caregiver, patientId, Timestamp.from(past),
                Timestamp.from(past.minus(1, ChronoUnit.DAYS)), Timestamp.from(past.minus(1, ChronoUnit.DAYS)));
    }
}
