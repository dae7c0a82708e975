package org.careline.messaging.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * A subscription. {@code secret} (a {@code whsec_...} key) appears only in the answer that created it:
 * on creation and on rotation; store it then.
 */
public record WebhookSubscriptionResponse(String id, String ownerClient, String targetUrl, List<String> eventTypes,
                                          String careTeam, String description, String status, String createdBy,
                                          Instant createdAt, Instant updatedAt, List<WebhookSecretInfo> secrets,
                                          @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {
}
