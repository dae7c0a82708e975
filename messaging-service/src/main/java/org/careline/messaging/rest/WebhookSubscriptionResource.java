package org.careline.messaging.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.careline.messaging.mapping.WebhookMapper;
import org.careline.messaging.webhook.WebhookAccess;
import org.careline.messaging.webhook.WebhookSubscriptionService;
import org.careline.platform.problem.ProblemException;
import org.careline.platform.security.CurrentCaller;
import org.careline.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.UUID;

@Path("/api/v1/webhooks/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks", description = "Signed webhooks (Standard Webhooks) carrying FHIR R4 Communications to EHRs")
@SecurityRequirement(name = "SecurityScheme")
@RolesAllowed({Roles.ADMIN, WebhookAccess.INTEGRATION})
public class WebhookSubscriptionResource {

    static final String PROBLEM = "application/problem+json";
    static final String EXAMPLE = "{\"id\":\"3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b\",\"ownerClient\":\"careline-ehr\","
            + "\"targetUrl\":\"https://ehr.example.org/careline/webhooks\",\"eventTypes\":[\"message.posted\"],"
            + "\"careTeam\":\"family-medicine\",\"description\":\"Chart copies for Example EHR\",\"status\":\"ACTIVE\","
            + "\"createdBy\":\"6c1e...\",\"createdAt\":\"2026-11-23T10:15:30Z\",\"updatedAt\":\"2026-11-23T10:15:30Z\","
            + "\"secrets\":[{\"id\":\"9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a\",\"createdAt\":\"2026-11-23T10:15:30Z\",\"expiresAt\":null}]";
    static final String WITH_SECRET = EXAMPLE + ",\"secret\":\"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw7rS3KhD2JdQ=\"}";
    private static final String REQUEST = "{\"targetUrl\":\"https://ehr.example.org/careline/webhooks\","
            + "\"eventTypes\":[\"message.posted\"],\"careTeam\":\"family-medicine\",\"description\":\"Chart copies for Example EHR\"}";

    private final WebhookSubscriptionService service;
    private final WebhookMapper mapper;
    private final CurrentCaller caller;

    public WebhookSubscriptionResource(WebhookSubscriptionService service, WebhookMapper mapper, CurrentCaller caller) {
        this.service = service;
        this.mapper = mapper;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Subscribe to thread events", description = "Each event is POSTed to targetUrl as "
            + "{type, timestamp, data: FHIR R4 Communication} with the headers webhook-id (idempotency key), "
            + "webhook-timestamp and webhook-signature (v1,<base64 HMAC-SHA256 of id.timestamp.body>). The answer "
            + "carries the signing secret once. An admin names ownerClient; an integration client owns its own.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "chart copies",
            value = REQUEST)))
    @APIResponse(responseCode = "201", description = "Created; Location names it; secret shown this once",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "created", value = WITH_SECRET)))
    @APIResponse(responseCode = "400", description = "Invalid body or unknown event type", content = @Content(
            mediaType = PROBLEM, examples = @ExampleObject(name = "unknown event type",
            value = "{\"type\":\"https://careline.dev/problems/unknown-event-type\",\"title\":\"Bad Request\",\"status\":400,"
                    + "\"detail\":\"eventTypes may contain only thread.opened, message.posted, thread.closed.\","
                    + "\"instance\":\"/api/v1/webhooks/subscriptions\"}")))
    @APIResponse(responseCode = "403", description = "Neither admin nor integration client (audited)")
    @APIResponse(responseCode = "409", description = "The client has the most subscriptions allowed")
    @APIResponse(responseCode = "422", description = "Target URL not allowed (not https, or a private/internal host)",
            content = @Content(mediaType = PROBLEM, examples = @ExampleObject(name = "private host",
            value = "{\"type\":\"https://careline.dev/problems/target-url-not-allowed\",\"title\":\"Unprocessable Content\","
                    + "\"status\":422,\"detail\":\"targetUrl must name a public host, not a private, loopback or internal one.\","
                    + "\"instance\":\"/api/v1/webhooks/subscriptions\"}")))
    public Uni<RestResponse<WebhookSubscriptionResponse>> create(@Valid @NotNull WebhookSubscriptionRequest request,
                                                                 UriInfo uri) {
        return service.create(caller.get(), mapper.toCommand(request)).map(mapper::toResponse)
                .map(s -> RestResponse.ResponseBuilder.<WebhookSubscriptionResponse>created(
                        uri.getAbsolutePathBuilder().path(s.id()).build()).entity(s).build());
    }

    @GET
    @Operation(summary = "The subscriptions the caller manages", description = "By id, cursor-paginated; an admin sees all.")
    @APIResponse(responseCode = "200", description = "A page of subscriptions", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "one page",
            value = "{\"items\":[" + EXAMPLE + "}],\"nextCursor\":null}")))
    @APIResponse(responseCode = "400", description = "Bad cursor or limit")
    public Uni<WebhookSubscriptionPageResponse> list(
            @Parameter(description = "The nextCursor of the previous page") @QueryParam("cursor") @Size(max = 400) String cursor,
            @Parameter(description = "Page size, 1-200 (default 50)") @QueryParam("limit") @Min(1) @Max(200) Integer limit) {
        return service.list(caller.get(), cursor, limit).map(mapper::toResponse);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One subscription, with its secrets' dates (never their values)")
    @APIResponse(responseCode = "200", description = "The subscription", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "subscription", value = EXAMPLE + "}")))
    @APIResponse(responseCode = "404", description = "No such subscription visible to the caller")
    public Uni<WebhookSubscriptionResponse> get(@PathParam("id") String id) {
        return service.find(caller.get(), parse(id)).map(mapper::toResponse);
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a subscription's target, events, care team, description or status (ACTIVE/PAUSED)")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "pause",
            value = "{\"targetUrl\":\"https://ehr.example.org/careline/webhooks\",\"eventTypes\":[\"message.posted\"],\"status\":\"PAUSED\"}")))
    @APIResponse(responseCode = "200", description = "The updated subscription", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "subscription", value = EXAMPLE + "}")))
    @APIResponse(responseCode = "400", description = "Invalid body")
    @APIResponse(responseCode = "404", description = "No such subscription visible to the caller")
    @APIResponse(responseCode = "422", description = "Target URL not allowed")
    public Uni<WebhookSubscriptionResponse> update(@PathParam("id") String id,
                                                   @Valid @NotNull WebhookSubscriptionRequest request) {
        return service.update(caller.get(), parse(id), mapper.toCommand(request)).map(mapper::toResponse);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a subscription", description = "Nothing more is sent; undelivered deliveries go DEAD.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such subscription visible to the caller")
    public Uni<RestResponse<Void>> delete(@PathParam("id") String id) {
        return service.delete(caller.get(), parse(id)).map(ignored -> RestResponse.noContent());
    }

    @POST
    @Path("{id}/secrets")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rotate the signing secret without downtime", description = "Adds a secret that signs at "
            + "once; the current ones keep signing for expireCurrentAfter (default PT24H). Meanwhile webhook-signature "
            + "carries one v1 signature per secret, so the receiver verifies with either. The new secret is shown once.")
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "one day overlap", value = "{\"expireCurrentAfter\":\"PT24H\"}")))
    @APIResponse(responseCode = "201", description = "The subscription with the new secret", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "rotated", value = WITH_SECRET)))
    @APIResponse(responseCode = "400", description = "expireCurrentAfter not an ISO-8601 duration from PT0S to P7D")
    @APIResponse(responseCode = "404", description = "No such subscription visible to the caller")
    public Uni<RestResponse<WebhookSubscriptionResponse>> rotate(@PathParam("id") String id,
                                                                 @Valid WebhookRotationRequest request) {
        Duration overlap = request == null ? null : duration(request.expireCurrentAfter());
        return service.rotate(caller.get(), parse(id), overlap).map(mapper::toResponse)
                .map(s -> RestResponse.ResponseBuilder.<WebhookSubscriptionResponse>create(RestResponse.Status.CREATED)
                        .entity(s).build());
    }

    private static Duration duration(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("expireCurrentAfter must be an ISO-8601 duration such as PT24H.");
        }
    }

    static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("No webhook subscription with this id is visible to you.");
        }
    }
}
