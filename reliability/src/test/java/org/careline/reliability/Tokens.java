package org.careline.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Real password-grant access tokens from the stack's Keycloak for the demo users (password {@code careline}),
 * cached and renewed well before they expire (the realm's lifespan is 300 s). A renewal that fails (Keycloak
 * keeps its data in the PostgreSQL a scenario stops) keeps the cached token while it is still valid.
 */
final class Tokens {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RENEW_AFTER = Duration.ofSeconds(240);

    private record Cached(String token, Instant fetchedAt) {
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String tokenUrl;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    Tokens(String tokenUrl) {
        this.tokenUrl = tokenUrl;
    }

    String of(String username) {
        Cached cached = cache.get(username);
        if (cached != null && cached.fetchedAt().plus(RENEW_AFTER).isAfter(Instant.now())) {
            return cached.token();
        }
        try {
            String token = fetch(username);
            cache.put(username, new Cached(token, Instant.now()));
            return token;
        } catch (RuntimeException e) {
            if (cached != null && cached.fetchedAt().plusSeconds(290).isAfter(Instant.now())) {
                return cached.token();
            }
            throw e;
        }
    }

    /**
     * Fetches fresh tokens now, so that a scenario starts with a full lifespan ahead; keeps a cached one that is
     * still valid when Keycloak cannot answer yet (it lost its database connections in a PostgreSQL restart).
     */
    void renew(String... usernames) {
        for (String username : usernames) {
            try {
                cache.put(username, new Cached(fetch(username), Instant.now()));
            } catch (RuntimeException e) {
                Cached cached = cache.get(username);
                if (cached == null || !cached.fetchedAt().plusSeconds(200).isAfter(Instant.now())) {
                    throw e;
                }
            }
        }
    }

    private String fetch(String username) {
        String form = "grant_type=password&client_id=careline-web&username="
                + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password=careline";
        HttpRequest request = HttpRequest.newBuilder(URI.create(tokenUrl))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
            if (body == null || !body.hasNonNull("access_token")) {
                throw new IllegalStateException("no token for " + username + " (HTTP " + response.statusCode() + ")");
            }
            return body.get("access_token").asText();
        } catch (IOException e) {
            throw new IllegalStateException("no token for " + username + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
