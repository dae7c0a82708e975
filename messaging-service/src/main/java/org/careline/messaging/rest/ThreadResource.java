package org.careline.messaging.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.careline.events.MessageTopic;
import org.careline.messaging.ThreadStatus;
import org.careline.messaging.mapping.ThreadMapper;
import org.careline.messaging.service.IdempotentRequests;
import org.careline.messaging.service.ReadReceiptService;
import org.careline.messaging.service.ReplyService;
import org.careline.messaging.service.ThreadDetails;
import org.careline.messaging.service.ThreadListService;
import org.careline.messaging.service.ThreadQuery;
import org.careline.messaging.service.ThreadService;
import org.careline.platform.problem.ProblemException;
import org.careline.platform.security.Caller;
import org.careline.platform.security.CurrentCaller;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * Threads and messages. Every endpoint needs a token; which threads a caller reaches is decided (and
 * audited, refusals included) by the services, not here. Billing, auditor and admin roles get 403.
 */
@Path("/api/v1/threads")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Threads")
@SecurityRequirement(name = "SecurityScheme")
@Authenticated
public class ThreadResource {

    static final String IDEMPOTENCY_KEY_DESCRIPTION = "Optional (draft-ietf-httpapi-idempotency-key-header). A unique "
            + "value per request, e.g. a UUID, kept by the client for its retries: a retry with the same key and the same "
            + "body gets the first answer again (same status and body, header Idempotent-Replayed: true) and creates "
            + "nothing new; the same key with another body is 422; while the first is still in flight, 409. Keys belong "
            + "to the caller and expire after 24 hours. A failed request (4xx, 5xx) frees its key.";
    static final String IDEMPOTENCY_KEY_EXAMPLE = "\"8e03978e-40d5-43e8-bc93-6894a57f9324\"";
    static final String IDEMPOTENCY_IN_FLIGHT = "{\"type\":\"https://careline.dev/problems/idempotency-key-in-flight\","
            + "\"title\":\"Conflict\",\"status\":409,\"detail\":\"A request with this Idempotency-Key is still being "
            + "processed. Retry shortly to get its answer.\",\"instance\":\"/api/v1/threads\"}";
    static final String IDEMPOTENCY_REUSED = "{\"type\":\"https://careline.dev/problems/idempotency-key-reused\","
            + "\"title\":\"Unprocessable Content\",\"status\":422,\"detail\":\"This Idempotency-Key was used with a "
            + "different request. Use a new key for a new request.\",\"instance\":\"/api/v1/threads\"}";

    /** 1 to 200. A text parameter so that "ten" is a 400 with a violation, not JAX-RS's 404. */
    private static final String PAGE_SIZE = "[1-9]|[1-9][0-9]|1[0-9][0-9]|200";

    private final ThreadService threads;
    private final ThreadListService lists;
    private final ReplyService replies;
    private final ReadReceiptService receipts;
    private final ThreadMapper mapper;
    private final CurrentCaller caller;
    private final IdempotentRequests idempotent;

    public ThreadResource(ThreadService threads, ThreadListService lists, ReplyService replies,
                          ReadReceiptService receipts, ThreadMapper mapper, CurrentCaller caller,
                          IdempotentRequests idempotent) {
        this.idempotent = idempotent;
        this.threads = threads;
        this.lists = lists;
        this.replies = replies;
        this.receipts = receipts;
        this.mapper = mapper;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Open a thread with its first message",
            description = "A patient writes to their care team (optionally to one clinician); a caregiver writes for a "
                    + "patient under a read-write proxy grant (patientId required); a care-team member writes to a "
                    + "patient (patientId required).")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = "patient asks for a refill",
                    value = "{\"subject\":\"Inhaler refill\",\"body\":\"Could you refill my albuterol inhaler?\",\"topic\":\"MEDICATION\"}"),
            @ExampleObject(name = "caregiver writes for a patient to one clinician",
                    value = "{\"subject\":\"Fever\",\"body\":\"My son has had a fever since yesterday.\",\"topic\":\"CLINICAL_QUESTION\","
                            + "\"patientId\":\"P-1001\",\"clinician\":\"dr.lee\"}")}))
    @APIResponse(responseCode = "201", description = "Created; Location names the thread",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "created",
                    value = ApiExamples.THREAD)))
    @APIResponse(responseCode = "400", description = "Invalid body (problem+json)", content = @Content(
            mediaType = ApiExamples.PROBLEM, examples = @ExampleObject(name = "missing subject", value = ApiExamples.VALIDATION)))
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "The caller may not write for this patient or team (audited)",
            content = @Content(mediaType = ApiExamples.PROBLEM, examples = @ExampleObject(name = "forbidden",
                    value = ApiExamples.FORBIDDEN)))
    @APIResponse(responseCode = "409", description = "A request with the same Idempotency-Key is still in flight; "
            + "retry shortly to get its answer", content = @Content(mediaType = ApiExamples.PROBLEM,
            examples = @ExampleObject(name = "in flight", value = IDEMPOTENCY_IN_FLIGHT)))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was already used with a different request",
            content = @Content(mediaType = ApiExamples.PROBLEM, examples = @ExampleObject(name = "key reused",
                    value = IDEMPOTENCY_REUSED)))
    public Uni<RestResponse<ThreadResponse>> open(
            @Parameter(description = IDEMPOTENCY_KEY_DESCRIPTION, example = IDEMPOTENCY_KEY_EXAMPLE)
            @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
            @Valid @NotNull NewThreadRequest request, UriInfo uri) {
        Caller who = caller.get();
        if (idempotencyKey == null) {
            return threads.open(who, mapper.toCommand(request)).map(mapper::toResponse)
                    .map(thread -> created(uri, thread));
        }
        IdempotentRequests.Claim claim = idempotent.claimOf(who, idempotencyKey, "POST /api/v1/threads", request);
        return idempotent.begin(claim).chain(stored -> stored.isPresent()
                ? replay(who, stored.get())
                : idempotent.guard(claim, threads.open(who, mapper.toCommand(request), details -> store(claim, uri, details)))
                        .map(mapper::toResponse).map(thread -> created(uri, thread)));
    }

    @GET
    @Operation(summary = "The threads the caller may see, latest activity first",
            description = "Patients see their own; caregivers those of patients they hold a live proxy grant for; "
                    + "clinicians and staff those of their care teams, those addressed to them and (clinicians) those of "
                    + "a patient under a live break-the-glass grant. Cursor-paginated: pass nextCursor as cursor. "
                    + "Every page is audited as a query per patient it shows.")
    @APIResponse(responseCode = "200", description = "A page of threads, without messages", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "one page", value = ApiExamples.THREAD_PAGE)))
    @APIResponse(responseCode = "400", description = "Invalid filter or cursor (problem+json)")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "The caller's role uses no threads, or the patient filter names "
            + "a patient the caller may not see (audited)")
    public Uni<ThreadPageResponse> list(
            @Parameter(description = "Only threads in this status", example = "AWAITING_CARE_TEAM")
            @QueryParam("status") @Pattern(regexp = "AWAITING_CARE_TEAM|AWAITING_PATIENT|CLOSED") String status,
            @Parameter(description = "Only threads on this topic", example = "MEDICATION")
            @QueryParam("topic") @Pattern(regexp = "MEDICATION|APPOINTMENT|TEST_RESULTS|CLINICAL_QUESTION|BILLING|PAPERWORK|OTHER")
            String topic,
            @Parameter(description = "Only this patient's threads", example = "P-1001")
            @QueryParam("patientId") @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+") String patientId,
            @Parameter(description = "Only threads with activity after this instant (ISO-8601)", example = "2026-11-01T00:00:00Z")
            @QueryParam("updatedAfter") @Size(max = 40) String updatedAfter,
            @Parameter(description = "The nextCursor of the previous page")
            @QueryParam("cursor") @Size(max = 200) String cursor,
            @Parameter(description = "Page size, 1 to 200 (default 50)", example = "50")
            @QueryParam("limit") @Pattern(regexp = PAGE_SIZE, message = "must be a whole number from 1 to 200") String limit) {
        ThreadQuery query = new ThreadQuery(status == null ? null : ThreadStatus.valueOf(status),
                topic == null ? null : MessageTopic.valueOf(topic), patientId, instant(updatedAfter), cursor,
                limit == null ? null : Integer.valueOf(limit));
        return lists.list(caller.get(), query).map(mapper::toResponse);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A thread with its messages and read receipts",
            description = "Someone else's thread answers 404, exactly like a missing one (and is audited as denied).")
    @APIResponse(responseCode = "200", description = "The thread", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "thread", value = ApiExamples.THREAD)))
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "The caller's role uses no threads (audited)")
    @APIResponse(responseCode = "404", description = "No such thread visible to the caller", content = @Content(
            mediaType = ApiExamples.PROBLEM, examples = @ExampleObject(name = "not found", value = ApiExamples.NOT_FOUND)))
    public Uni<ThreadResponse> get(@PathParam("id") String id) {
        return threads.find(caller.get(), parse(id)).map(mapper::toResponse);
    }

    @POST
    @Path("{id}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Reply in a thread",
            description = "The patient, a caregiver with a read-write grant, or the care team. A care-team reply may "
                    + "log timeSpentMinutes and clinicalAssessment (announced to billing as time-logged); a clinician may "
                    + "ask for replies directly to them. A closed thread answers 409.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = "patient replies", value = "{\"body\":\"Thank you, it is the blue one.\"}"),
            @ExampleObject(name = "clinician replies and logs time",
                    value = "{\"body\":\"Your refill was sent to your pharmacy.\",\"timeSpentMinutes\":8,"
                            + "\"clinicalAssessment\":true,\"replyDirectlyToMe\":true}")}))
    @APIResponse(responseCode = "201", description = "The reply was posted; the thread as it is now", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "thread", value = ApiExamples.THREAD)))
    @APIResponse(responseCode = "400", description = "Invalid body, or care-team fields from a patient (problem+json)")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "The caller may read but not reply (read-only proxy, break-the-glass)")
    @APIResponse(responseCode = "404", description = "No such thread visible to the caller", content = @Content(
            mediaType = ApiExamples.PROBLEM, examples = @ExampleObject(name = "not found", value = ApiExamples.NOT_FOUND)))
    @APIResponse(responseCode = "409", description = "The thread is closed", content = @Content(
            mediaType = ApiExamples.PROBLEM, examples = @ExampleObject(name = "closed", value = ApiExamples.CLOSED)))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was already used with a different request",
            content = @Content(mediaType = ApiExamples.PROBLEM, examples = @ExampleObject(name = "key reused",
                    value = IDEMPOTENCY_REUSED)))
    public Uni<RestResponse<ThreadResponse>> reply(
            @Parameter(description = IDEMPOTENCY_KEY_DESCRIPTION, example = IDEMPOTENCY_KEY_EXAMPLE)
            @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
            @PathParam("id") String id, @Valid @NotNull ReplyRequest request, UriInfo uri) {
        Caller who = caller.get();
        UUID threadId = parse(id);
        if (idempotencyKey == null) {
            return replies.reply(who, threadId, mapper.toCommand(request)).map(mapper::toResponse)
                    .map(thread -> created(uri, thread));
        }
        IdempotentRequests.Claim claim = idempotent.claimOf(who, idempotencyKey,
                "POST /api/v1/threads/" + threadId + "/messages", request);
        return idempotent.begin(claim).chain(stored -> stored.isPresent()
                ? replay(who, stored.get())
                : idempotent.guard(claim, replies.reply(who, threadId, mapper.toCommand(request),
                                details -> store(claim, uri, details)))
                        .map(mapper::toResponse).map(thread -> created(uri, thread)));
    }

    /** Inside the transaction of the change: the answer the client gets, kept under its Idempotency-Key. */
    private Uni<Void> store(IdempotentRequests.Claim claim, UriInfo uri, ThreadDetails details) {
        ThreadResponse thread = mapper.toResponse(details);
        return idempotent.complete(claim, 201, location(uri, thread.id()).toString(), thread, thread.id());
    }

    /**
     * The answer of the first request with this key. The caller must still see the thread (a revoked grant: 404, as
     * for any thread), and the replay is audited as a read of it.
     */
    private Uni<RestResponse<ThreadResponse>> replay(Caller who, IdempotentRequests.Stored stored) {
        return threads.find(who, UUID.fromString(stored.resourceId()))
                .map(ignored -> RestResponse.ResponseBuilder.<ThreadResponse>create(stored.status())
                        .location(URI.create(stored.location()))
                        .header(IdempotentRequests.REPLAYED, "true")
                        .entity(idempotent.body(stored, ThreadResponse.class))
                        .build());
    }

    private static RestResponse<ThreadResponse> created(UriInfo uri, ThreadResponse thread) {
        return RestResponse.ResponseBuilder.<ThreadResponse>created(location(uri, thread.id())).entity(thread).build();
    }

    private static URI location(UriInfo uri, String threadId) {
        return uri.getBaseUriBuilder().path("api/v1/threads").path(threadId).build();
    }

    @POST
    @Path("{id}/read")
    @Operation(summary = "Mark the thread read by the caller (read receipt)",
            description = "Records that the caller read the thread up to its newest message; posting again moves it forward.")
    @APIResponse(responseCode = "200", description = "The caller's read receipt", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "receipt", value = ApiExamples.RECEIPT)))
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "The caller's role uses no threads (audited)")
    @APIResponse(responseCode = "404", description = "No such thread visible to the caller", content = @Content(
            mediaType = ApiExamples.PROBLEM, examples = @ExampleObject(name = "not found", value = ApiExamples.NOT_FOUND)))
    public Uni<ReadReceiptResponse> read(@PathParam("id") String id) {
        return receipts.markRead(caller.get(), parse(id)).map(mapper::toResponse);
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("No thread with this id is visible to you.");
        }
    }

    private static Instant instant(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ProblemException(400, "invalid-parameter", "Bad Request",
                    "updatedAfter must be an ISO-8601 instant such as 2026-11-01T00:00:00Z.");
        }
    }
}
