package org.careline.messaging.webhook;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookSignatureTest {

    // The Standard Webhooks specification's published test vector.
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TIMESTAMP = 1614265330L;
    private static final String BODY = "{\"test\": 2432232314}";

    @Test
    void reproducesTheStandardWebhooksReferenceSignature() {
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
                WebhookSignature.header(List.of(SECRET), ID, TIMESTAMP, BODY));
    }

    @Test
    void duringRotationTheHeaderCarriesOneSignaturePerSecretAndEitherVerifies() {
        String next = WebhookSignature.newSecret();
        String header = WebhookSignature.header(List.of(SECRET, next), ID, TIMESTAMP, BODY);
        assertEquals(2, header.split(" ").length);
        assertTrue(WebhookSignature.verify(SECRET, ID, TIMESTAMP, BODY, header));
        assertTrue(WebhookSignature.verify(next, ID, TIMESTAMP, BODY, header));
        assertFalse(WebhookSignature.verify(WebhookSignature.newSecret(), ID, TIMESTAMP, BODY, header));
    }

    @Test
    void anyChangeToIdTimestampOrBodyBreaksTheSignature() {
        String header = WebhookSignature.header(List.of(SECRET), ID, TIMESTAMP, BODY);
        assertFalse(WebhookSignature.verify(SECRET, "msg_other", TIMESTAMP, BODY, header));
        assertFalse(WebhookSignature.verify(SECRET, ID, TIMESTAMP + 1, BODY, header));
        assertFalse(WebhookSignature.verify(SECRET, ID, TIMESTAMP, "{\"test\": 2432232315}", header));
        assertFalse(WebhookSignature.verify(SECRET, ID, TIMESTAMP, BODY, "v2," + header.substring(3)));
    }

    @Test
    void newSecretsAreWhsecPrefixed32RandomBytes() {
        String one = WebhookSignature.newSecret();
        assertTrue(one.startsWith("whsec_"));
        assertEquals(32, Base64.getDecoder().decode(one.substring(6)).length);
        assertNotEquals(one, WebhookSignature.newSecret());
    }
}
