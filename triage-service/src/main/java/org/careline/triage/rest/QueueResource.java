package org.careline.triage.rest;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.careline.platform.problem.ProblemException;
import org.careline.platform.security.Caller;
import org.careline.platform.security.CurrentCaller;
import org.careline.platform.security.Roles;
import org.careline.triage.QueueItem;
import org.careline.triage.mapping.TriageMapper;
import org.careline.triage.config.TriageConfig;
import org.careline.triage.service.QueueWorkService;
import org.careline.triage.service.WorkResult;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The care team's work list. Clinicians and staff see the queues of their own care teams only; an item
 * of another team answers 404 like an unknown one. Patients, caregivers and billing get 403.
 */
@Path("/api/v1/queues")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Work list")
@SecurityRequirement(name = "SecurityScheme")
@RolesAllowed({Roles.CLINICIAN, Roles.STAFF})
public class QueueResource {

    /** The longest queue name the store holds. */
    private static final int MAX_QUEUE_NAME = 128;

    private static final String ITEM_EXAMPLE = "{\"id\":\"9a1c2b3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d\",\"threadId\":"
            + "\"0b6f3f5e-8d1c-4c4e-9f57-2b1d3c4a5e6f\",\"patientId\":\"P-1001\",\"careTeam\":\"family-medicine\","
            + "\"queue\":\"nurse-pool\",\"urgency\":\"URGENT\",\"priority\":2,\"dueAt\":\"2026-11-23T22:00:00Z\","
            + "\"overdue\":false,\"status\":\"OPEN\",\"assignee\":\"rn.ortiz-id\",\"assignedAt\":\"2026-11-23T15:02:00Z\","
            + "\"lastMessageId\":\"5c2d9a8e-1f3b-4d6a-8e7c-9b0a1d2c3e4f\",\"createdAt\":\"2026-11-23T14:55:00Z\","
            + "\"updatedAt\":\"2026-11-23T15:02:00Z\"}";
    private static final String NOT_FOUND_EXAMPLE = "{\"type\":\"https://careline.dev/problems/not-found\","
            + "\"title\":\"Not Found\",\"status\":404,\"detail\":\"No open queue item with this id is visible to you.\"}";
    private static final String CONFLICT_EXAMPLE = "{\"type\":\"https://careline.dev/problems/conflict\","
            + "\"title\":\"Conflict\",\"status\":409,\"detail\":\"The item is held by someone else: ask them to release "
            + "it, or reassign it.\"}";

    /** The data of a {@code reset} event: the client's Last-Event-ID is too old; reload the queues. */
    private static final java.util.Map<String, Boolean> RESET = java.util.Map.of("reload", true);

    private final QueueWorkService service;
    private final TriageConfig.Stream stream;
    private final TriageMapper mapper;
    private final CurrentCaller caller;
    private final Clock clock;

    public QueueResource(QueueWorkService service, TriageConfig config, TriageMapper mapper, CurrentCaller caller,
                         Clock clock) {
        this.service = service;
        this.stream = config.stream();
        this.mapper = mapper;
        this.caller = caller;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "The queues of the caller's care teams", description = "Open and overdue counts per pool, "
            + "including the caller's own pools when they are empty.")
    @APIResponse(responseCode = "200", description = "The queues", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "queues", value = "[{\"careTeam\":\"family-medicine\",\"queue\":\"nurse-pool\","
                    + "\"open\":12,\"overdue\":2},{\"careTeam\":\"family-medicine\",\"queue\":\"refill-pool\",\"open\":5,\"overdue\":0}]")))
    @APIResponse(responseCode = "403", description = "Not a clinician or staff member")
    public Uni<List<QueueSummaryResponse>> queues() {
        return service.queues(caller.get()).map(list -> list.stream()
                .map(c -> new QueueSummaryResponse(c.careTeam(), c.queue(), c.open(), c.overdue())).toList());
    }

    @GET
    @Path("{queue}/items")
    @Operation(summary = "A queue's open items, most pressing first",
            description = "Sorted by urgency (priority) then due time, across the caller's care teams; cursor-paginated. "
                    + "Audited as a QUERY of QueueItem.")
    @APIResponse(responseCode = "200", description = "A page", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "page", value = "{\"items\":[" + ITEM_EXAMPLE + "],\"nextCursor\":"
                    + "\"MnwyMDI2LTExLTIzVDIyOjAwOjAwWnw5YTFj\"}")))
    @APIResponse(responseCode = "400", description = "A bad cursor or limit", content = @Content(
            mediaType = "application/problem+json", examples = @ExampleObject(name = "bad cursor",
            value = "{\"type\":\"https://careline.dev/problems/bad-request\",\"title\":\"Bad Request\",\"status\":400,"
                    + "\"detail\":\"The cursor is not valid: start again without it.\"}")))
    @APIResponse(responseCode = "403", description = "Not a clinician or staff member")
    public Uni<WorkItemPage> items(@PathParam("queue") String queue, @QueryParam("cursor") String cursor,
                                   @QueryParam("limit") @DefaultValue("20") int limit) {
        if (limit < 1 || limit > 100) {
            throw ProblemException.badRequest("limit must be between 1 and 100.");
        }
        if (queue.length() > MAX_QUEUE_NAME || queue.chars().anyMatch(Character::isISOControl)) {
            // the column holds 128 characters and PostgreSQL text no NUL: such a name would fail in the database
            throw ProblemException.badRequest("Not a queue name.");
        }
        var after = mapper.position(cursor);
        return service.page(caller.get(), queue, after, limit).map(list -> {
            List<QueueItem> page = list.size() > limit ? list.subList(0, limit) : list;
            String next = list.size() > limit ? mapper.cursor(page.get(page.size() - 1)) : null;
            return new WorkItemPage(page.stream().map(i -> mapper.toWorkItem(i, clock.instant())).toList(), next);
        });
    }

    @POST
    @Path("items/{itemId}/claim")
    @Operation(summary = "Claim an item (the caller holds it)")
    @APIResponse(responseCode = "200", description = "Claimed", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "claimed", value = ITEM_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such open item visible to the caller", content = @Content(
            mediaType = "application/problem+json", examples = @ExampleObject(name = "not found", value = NOT_FOUND_EXAMPLE)))
    @APIResponse(responseCode = "409", description = "Held by someone else", content = @Content(
            mediaType = "application/problem+json", examples = @ExampleObject(name = "held", value = CONFLICT_EXAMPLE)))
    public Uni<WorkItemResponse> claim(@PathParam("itemId") String itemId) {
        return respond(service.claim(caller.get(), parse(itemId)));
    }

    @POST
    @Path("items/{itemId}/release")
    @Operation(summary = "Release an item the caller holds")
    @APIResponse(responseCode = "200", description = "Released", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "released", value = ITEM_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such open item visible to the caller")
    @APIResponse(responseCode = "409", description = "Held by someone else")
    public Uni<WorkItemResponse> release(@PathParam("itemId") String itemId) {
        return respond(service.release(caller.get(), parse(itemId)));
    }

    @POST
    @Path("items/{itemId}/reassign")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Give an item to a person and/or move it to another pool of its care team",
            description = "The queue must be a pool the routing configuration knows for the item's care team (its "
                    + "routes, the per-category defaults and the default pool, the overdue escalation pool). The assignee "
                    + "must be on the care team's roster: a clinician or staff member whom triage saw use the work API "
                    + "with the team's group in their token in the last 30 days. Audited like every action.")
    @APIResponse(responseCode = "200", description = "Reassigned", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "moved", value = ITEM_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Neither assignee nor queue, or a bad queue name")
    @APIResponse(responseCode = "404", description = "No such open item visible to the caller")
    @APIResponse(responseCode = "422", description = "Not a pool of the item's care team (the valid pools are named), or "
            + "an assignee who is not a known member of the item's care team", content = @Content(
            mediaType = "application/problem+json", examples = {@ExampleObject(name = "unknown pool", value =
            "{\"type\":\"https://careline.dev/problems/unknown-pool\",\"title\":\"Unprocessable Content\",\"status\":422,"
                    + "\"detail\":\"The queue is not a pool of care team family-medicine. Valid pools: billing-office, "
                    + "front-desk, nurse-pool, physicians, refill-pool.\"}"), @ExampleObject(name = "unknown assignee", value =
            "{\"type\":\"https://careline.dev/problems/unknown-assignee\",\"title\":\"Unprocessable Content\","
                    + "\"status\":422,\"detail\":\"The assignee is not a known member of care team family-medicine: triage "
                    + "knows the members who used the work list with this team's group in the last 30 days.\"}")}))
    public Uni<WorkItemResponse> reassign(@PathParam("itemId") String itemId, @NotNull ReassignRequest request) {
        return respond(service.reassign(caller.get(), parse(itemId), request.assignee(), request.queue()));
    }

    @POST
    @Path("items/{itemId}/complete")
    @Operation(summary = "Complete an item", description = "Announces careline.triage.queue-item-completed.v1.")
    @APIResponse(responseCode = "200", description = "Completed", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "completed", value = ITEM_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such open item visible to the caller")
    public Uni<WorkItemResponse> complete(@PathParam("itemId") String itemId) {
        return respond(service.complete(caller.get(), parse(itemId)));
    }

    @POST
    @Path("items/{itemId}/reclassify")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Correct the urgency and category of the thread's latest decision",
            description = "Kept with who and when as training feedback (GET /api/v1/triage/feedback); the item is "
                    + "re-routed and its due time recomputed, up or down. Raising to EMERGENT escalates at once.")
    @APIResponse(responseCode = "200", description = "Reclassified", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "reclassified", value = ITEM_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Missing or unknown urgency or category")
    @APIResponse(responseCode = "404", description = "No such open item visible to the caller")
    public Uni<WorkItemResponse> reclassify(@PathParam("itemId") String itemId, @Valid @NotNull ReclassifyRequest request) {
        return respond(service.reclassify(caller.get(), parse(itemId), request.urgency(), request.category()));
    }

    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Live changes to the caller's queues (Server-Sent Events)",
            description = "One JSON event per committed change (QUEUED, UPDATED, CLAIMED, RELEASED, REASSIGNED, "
                    + "RECLASSIFIED, COMPLETED, ESCALATED) to items of the caller's care teams, whichever triage instance "
                    + "made it. Identifiers and codes only. Each event has an `id:` (growing in commit order); a client "
                    + "that reconnects with the `Last-Event-ID` header (browsers' EventSource does so) first gets the "
                    + "changes it missed, in order, for up to 24 hours. An id older than that (or unknown) gets an event "
                    + "named `reset` (data `{\"reload\":true}`): reload the queues, the stream then goes on. A comment "
                    + "line (`:keep-alive`) every 20 s keeps proxies from closing an idle stream. Opening a stream is "
                    + "audited (QUERY of QueueItem `stream`).")
    @Parameter(name = "Last-Event-ID", in = ParameterIn.HEADER, description = "The id of the last event received",
            example = "4127")
    @APIResponse(responseCode = "200", description = "The stream", content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS,
            examples = @ExampleObject(name = "events", value = ":keep-alive\n\nid:4127\ndata:{\"change\":\"CLAIMED\","
                    + "\"itemId\":\"9a1c2b3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d\",\"threadId\":\"0b6f3f5e-8d1c-4c4e-9f57-2b1d3c4a5e6f\","
                    + "\"careTeam\":\"family-medicine\",\"queue\":\"nurse-pool\",\"urgency\":\"URGENT\",\"priority\":2,"
                    + "\"dueAt\":\"2026-11-23T22:00:00Z\",\"status\":\"OPEN\",\"assignee\":\"rn.ortiz-id\","
                    + "\"at\":\"2026-11-23T15:02:00Z\"}\n\n")))
    @APIResponse(responseCode = "400", description = "A Last-Event-ID that is not an event id", content = @Content(
            mediaType = "application/problem+json", examples = @ExampleObject(name = "bad id",
            value = "{\"type\":\"https://careline.dev/problems/bad-request\",\"title\":\"Bad Request\",\"status\":400,"
                    + "\"detail\":\"Last-Event-ID is not an event id of this stream.\"}")))
    @APIResponse(responseCode = "403", description = "Not a clinician or staff member")
    public Multi<OutboundSseEvent> stream(@HeaderParam("Last-Event-ID") String lastEventId, @Context Sse sse) {
        Long after = lastEventId(lastEventId);
        Multi<OutboundSseEvent> changes = service.stream(caller.get(), after).map(change -> change.isReset()
                ? sse.newEventBuilder().id(Long.toString(change.seq())).name("reset").data(RESET).build()
                : sse.newEventBuilder().id(Long.toString(change.seq())).data(change.change()).build());
        Multi<OutboundSseEvent> heartbeats = Multi.createFrom().ticks().startingAfter(Duration.ofMillis(1))
                .every(stream.heartbeat()).onOverflow().drop()
                .map(tick -> sse.newEventBuilder().comment("keep-alive").build());
        return Multi.createBy().merging().streams(changes, heartbeats);
    }

    /** Answers the item or the problem; the change reaches the live streams from the change log once committed. */
    private Uni<WorkItemResponse> respond(Uni<WorkResult> result) {
        return result.map(r -> mapper.toWorkItem(r.orThrow(), clock.instant()));
    }

    private static Long lastEventId(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            long id = Long.parseLong(header.trim());
            if (id < 0) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("Last-Event-ID is not an event id of this stream.");
        }
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("No open queue item with this id is visible to you.");
        }
    }
}
