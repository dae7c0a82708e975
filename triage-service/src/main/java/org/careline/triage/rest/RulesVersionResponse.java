package org.careline.triage.rest;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * A rules version. {@code document} is the rules JSON (only when one version is asked for);
 * {@code publishedBy} is "configuration" for the rules the service was deployed with.
 */
public record RulesVersionResponse(String version, String publishedBy, Instant publishedAt, boolean active,
                                   JsonNode document) {
}
