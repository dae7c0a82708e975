package org.careline.triage.rest;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.careline.platform.problem.ProblemException;
import org.careline.platform.security.Caller;
import org.careline.platform.security.CurrentCaller;
import org.careline.platform.security.Roles;
import org.careline.triage.QueueItem;
import org.careline.triage.mapping.TriageMapper;
import org.careline.triage.service.QueueChange;
import org.careline.triage.service.QueueChanges;
import org.careline.triage.service.QueueWorkService;
import org.careline.triage.service.WorkResult;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

import java.time.Clock;
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

    private final QueueWorkService service;
    private final QueueChanges changes;
    private final TriageMapper mapper;
    private final CurrentCaller caller;
    private final Clock clock;

    public QueueResource(QueueWorkService service, QueueChanges changes, TriageMapper mapper, CurrentCaller caller,
                         Clock clock) {
        this.service = service;
        this.changes = changes;
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
        return respond(service.claim(caller.get(), parse(itemId)), "CLAIMED");
    }

    @POST
    @Path("items/{itemId}/release")
    @Operation(summary = "Release an item the caller holds")
    @APIResponse(responseCode = "200", description = "Released", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "released", value = ITEM_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such open item visible to the caller")
    @APIResponse(responseCode = "409", description = "Held by someone else")
    public Uni<WorkItemResponse> release(@PathParam("itemId") String itemId) {
        return respond(service.release(caller.get(), parse(itemId)), "RELEASED");
    }

    @POST
    @Path("items/{itemId}/reassign")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Give an item to a person and/or move it to another pool of its care team")
    @APIResponse(responseCode = "200", description = "Reassigned", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "moved", value = ITEM_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Neither assignee nor queue, or a bad queue name")
    @APIResponse(responseCode = "404", description = "No such open item visible to the caller")
    public Uni<WorkItemResponse> reassign(@PathParam("itemId") String itemId, @NotNull ReassignRequest request) {
        return respond(service.reassign(caller.get(), parse(itemId), request.assignee(), request.queue()), "REASSIGNED");
    }

    @POST
    @Path("items/{itemId}/complete")
    @Operation(summary = "Complete an item", description = "Announces careline.triage.queue-item-completed.v1.")
    @APIResponse(responseCode = "200", description = "Completed", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "completed", value = ITEM_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such open item visible to the caller")
    public Uni<WorkItemResponse> complete(@PathParam("itemId") String itemId) {
        return respond(service.complete(caller.get(), parse(itemId)), "COMPLETED");
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
        return respond(service.reclassify(caller.get(), parse(itemId), request.urgency(), request.category()),
                "RECLASSIFIED");
    }

    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Live changes to the caller's queues (Server-Sent Events)",
            description = "One JSON event per committed change (QUEUED, UPDATED, CLAIMED, RELEASED, REASSIGNED, "
                    + "RECLASSIFIED, COMPLETED, ESCALATED) to items of the caller's care teams. Identifiers and codes only.")
    public Multi<QueueChange> stream() {
        Caller who = caller.get();
        return changes.of(who.careTeams());
    }

    /** Publishes the committed change to the live stream, then answers the item or the problem. */
    private Uni<WorkItemResponse> respond(Uni<WorkResult> result, String change) {
        return result.map(r -> {
            QueueItem item = r.orThrow();
            changes.publish(QueueChange.of(change, item, clock.instant()));
            return mapper.toWorkItem(item, clock.instant());
        });
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("No open queue item with this id is visible to you.");
        }
    }
}
