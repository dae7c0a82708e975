package org.careline.messaging.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.careline.messaging.mapping.WebhookMapper;
import org.careline.messaging.webhook.DeliveryState;
import org.careline.messaging.webhook.WebhookAccess;
import org.careline.messaging.webhook.WebhookDeliveryService;
import org.careline.platform.problem.ProblemException;
import org.careline.platform.security.CurrentCaller;
import org.careline.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.UUID;

@Path("/api/v1/webhooks/subscriptions/{id}/deliveries")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks")
@SecurityRequirement(name = "SecurityScheme")
@RolesAllowed({Roles.ADMIN, WebhookAccess.INTEGRATION})
public class WebhookDeliveryResource {

    private static final String EXAMPLE = "{\"id\":\"1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed\","
            + "\"subscriptionId\":\"3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b\",\"eventType\":\"message.posted\","
            + "\"threadId\":\"0b6f3f5e-8d1c-4c4e-9f57-2b1d3c4a5e6f\",\"messageId\":\"5c2d9a8e-1f3b-4d6a-8e7c-9b0a1d2c3e4f\","
            + "\"state\":\"DEAD\",\"attempts\":80,\"nextAttemptAt\":\"2026-11-26T10:15:31Z\","
            + "\"lastAttemptAt\":\"2026-11-26T10:15:30Z\",\"lastStatus\":503,\"lastError\":\"http-503\","
            + "\"deliveredAt\":null,\"createdAt\":\"2026-11-23T10:15:30Z\"}";

    private final WebhookDeliveryService service;
    private final WebhookMapper mapper;
    private final CurrentCaller caller;

    public WebhookDeliveryResource(WebhookDeliveryService service, WebhookMapper mapper, CurrentCaller caller) {
        this.service = service;
        this.mapper = mapper;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "A subscription's deliveries, newest first",
            description = "Metadata only (never the payload). state=DEAD is the dead-letter list.")
    @APIResponse(responseCode = "200", description = "A page of deliveries", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "dead letters",
            value = "{\"items\":[" + EXAMPLE + "],\"nextCursor\":null}")))
    @APIResponse(responseCode = "400", description = "Bad state, cursor or limit")
    @APIResponse(responseCode = "404", description = "No such subscription visible to the caller")
    public Uni<WebhookDeliveryPageResponse> list(
            @PathParam("id") String id,
            @Parameter(description = "PENDING, DELIVERED or DEAD", example = "DEAD")
            @QueryParam("state") @Pattern(regexp = "PENDING|DELIVERED|DEAD") String state,
            @Parameter(description = "The nextCursor of the previous page") @QueryParam("cursor") @Size(max = 400) String cursor,
            @Parameter(description = "Page size, 1-200 (default 50)") @QueryParam("limit") @Min(1) @Max(200) Integer limit) {
        return service.list(caller.get(), WebhookSubscriptionResource.parse(id),
                state == null ? null : DeliveryState.valueOf(state), cursor, limit).map(mapper::toResponse);
    }

    @POST
    @Path("{deliveryId}/replay")
    @Operation(summary = "Send a dead delivery again", description = "Queued at once with its attempts reset and "
            + "the same webhook-id, so a receiver that already has it can tell.")
    @APIResponse(responseCode = "202", description = "Queued", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "queued", value = EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such subscription or delivery")
    @APIResponse(responseCode = "409", description = "The delivery is not dead", content = @Content(
            mediaType = WebhookSubscriptionResource.PROBLEM, examples = @ExampleObject(name = "not dead",
            value = "{\"type\":\"https://careline.dev/problems/conflict\",\"title\":\"Conflict\",\"status\":409,"
                    + "\"detail\":\"Only a dead delivery can be replayed.\"}")))
    public Uni<RestResponse<WebhookDeliveryResponse>> replay(@PathParam("id") String id,
                                                             @PathParam("deliveryId") String deliveryId) {
        UUID delivery;
        try {
            delivery = UUID.fromString(deliveryId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("No delivery with this id in this subscription.");
        }
        return service.replay(caller.get(), WebhookSubscriptionResource.parse(id), delivery)
                .map(d -> RestResponse.accepted(mapper.toResponse(d)));
    }

    @POST
    @Path("replay")
    @Operation(summary = "Send every dead delivery of the subscription again")
    @APIResponse(responseCode = "202", description = "How many were queued", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "queued", value = "{\"replayed\":12}")))
    @APIResponse(responseCode = "404", description = "No such subscription visible to the caller")
    public Uni<RestResponse<WebhookReplayResponse>> replayAll(@PathParam("id") String id) {
        return service.replayAll(caller.get(), WebhookSubscriptionResource.parse(id))
                .map(count -> RestResponse.accepted(new WebhookReplayResponse(count)));
    }
}
