package org.careline.gateway;

import org.careline.testsupport.TestTokens;

import java.util.UUID;

/** Valid tokens for a fresh caller each time, so that one test never spends another's rate-limit bucket. */
final class Tokens {

    private Tokens() {
    }

    static String fresh() {
        return TestTokens.user("user-" + UUID.randomUUID()).roles("patient").claim("patient_id", "P-1001").sign();
    }

    static String marker() {
        return "m-" + UUID.randomUUID();
    }
}
