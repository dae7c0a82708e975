package org.careline.bench;

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

/** The few blocking calls made outside the measured load: tokens before it, probes after it. */
public final class Api {

    public static final ObjectMapper JSON = new ObjectMapper();

    /** A JSON answer with its status; {@code body} is null when it was not JSON. */
    public record Answer(int status, JsonNode body) {
        public boolean ok() {
            return status / 100 == 2;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final BenchConfig config;

    public Api(BenchConfig config) {
        this.config = config;
    }

    /** A password-grant access token from the {@code careline} realm for the public client careline-web. */
    public String token(String username, String password) {
        String form = "grant_type=password&client_id=careline-web&username=" + enc(username) + "&password=" + enc(password);
        HttpRequest request = HttpRequest.newBuilder(URI.create(config.keycloakUrl() + "/realms/careline/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        Answer answer = send(request);
        if (!answer.ok() || answer.body() == null || !answer.body().hasNonNull("access_token")) {
            throw new IllegalStateException("no token for " + username + " (HTTP " + answer.status()
                    + "): is the stack up with the benchmark realm? See benchmarks/README.md");
        }
        return answer.body().get("access_token").asText();
    }

    /** GET through the gateway. */
    public Answer get(String token, String pathAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(config.gatewayUrl() + pathAndQuery))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json").GET().build();
        return send(request);
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = null;
            try {
                body = JSON.readTree(response.body());
            } catch (IOException notJson) {
                // leave null
            }
            return new Answer(response.statusCode(), body);
        } catch (IOException e) {
            return new Answer(0, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, null);
        }
    }

    public static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
