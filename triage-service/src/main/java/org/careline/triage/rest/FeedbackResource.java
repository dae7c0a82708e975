package org.careline.triage.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.careline.platform.problem.ProblemException;
import org.careline.platform.security.CurrentCaller;
import org.careline.platform.security.Roles;
import org.careline.triage.TriageCorrection;
import org.careline.triage.service.FeedbackService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Clinicians' corrections exported as training feedback: identifiers, rules version and labels before and
 * after, who and when. No message text and no patient id: a training pipeline joins the message id with
 * messaging under its own access rules.
 */
@Path("/api/v1/triage/feedback")
@Tag(name = "Triage rules")
@SecurityRequirement(name = "SecurityScheme")
@RolesAllowed(Roles.ADMIN)
public class FeedbackResource {

    static final String NDJSON = "application/x-ndjson";
    private static final String HEADER = "correctionId,messageId,threadId,careTeam,rulesVersion,fromUrgency,"
            + "fromCategory,toUrgency,toCategory,correctedBy,correctedAt";

    private final FeedbackService service;
    private final CurrentCaller caller;

    public FeedbackResource(FeedbackService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "Export corrections as training feedback (JSON Lines or CSV)",
            description = "Oldest first from `since` (default: everything), at most `limit` rows. Audited as EXPORT.")
    @APIResponse(responseCode = "200", description = "The corrections", content = {
            @Content(mediaType = NDJSON, examples = @ExampleObject(name = "jsonl", value = "{\"correctionId\":\"c1\","
                    + "\"messageId\":\"m-1\",\"threadId\":\"t-1\",\"careTeam\":\"family-medicine\",\"rulesVersion\":"
                    + "\"careline-triage-rules-4.4+careline-triage-model-2.5\",\"fromUrgency\":\"ROUTINE\",\"fromCategory\":\"BILLING\","
                    + "\"toUrgency\":\"URGENT\",\"toCategory\":\"CLINICAL\",\"correctedBy\":\"u-9\",\"correctedAt\":"
                    + "\"2026-11-23T15:00:00Z\"}")),
            @Content(mediaType = "text/csv", examples = @ExampleObject(name = "csv", value = HEADER + "\nc1,m-1,t-1,"
                    + "family-medicine,careline-triage-rules-4.4+careline-triage-model-2.5,ROUTINE,BILLING,URGENT,CLINICAL,u-9,2026-11-23T15:00:00Z"))})
    @APIResponse(responseCode = "400", description = "A bad `since`, `limit` or `format`")
    @APIResponse(responseCode = "403", description = "The caller is not an admin")
    public Uni<Response> export(@QueryParam("since") String since, @QueryParam("format") @DefaultValue("jsonl") String format,
                                @QueryParam("limit") @DefaultValue("10000") int limit) {
        Instant from;
        try {
            from = since == null || since.isBlank() ? Instant.EPOCH : Instant.parse(since);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("since must be an ISO-8601 instant, e.g. 2026-11-01T00:00:00Z.");
        }
        if (!format.equals("jsonl") && !format.equals("csv")) {
            throw ProblemException.badRequest("format is jsonl or csv.");
        }
        if (limit < 1 || limit > 100000) {
            throw ProblemException.badRequest("limit must be between 1 and 100000.");
        }
        return service.export(caller.get(), from, limit).map(list -> format.equals("csv")
                ? Response.ok(csv(list), "text/csv").build()
                : Response.ok(jsonl(list), NDJSON).build());
    }

    private static String jsonl(List<TriageCorrection> list) {
        return list.stream().map(c -> String.format("{\"correctionId\":\"%s\",\"messageId\":%s,\"threadId\":\"%s\","
                        + "\"careTeam\":%s,\"rulesVersion\":%s,\"fromUrgency\":\"%s\",\"fromCategory\":\"%s\","
                        + "\"toUrgency\":\"%s\",\"toCategory\":\"%s\",\"correctedBy\":%s,\"correctedAt\":\"%s\"}",
                c.id, json(c.messageId), c.threadId, json(c.careTeam), json(c.rulesVersion), c.fromUrgency,
                c.fromCategory, c.toUrgency, c.toCategory, json(c.correctedBy), c.correctedAt))
                .collect(Collectors.joining("\n", "", list.isEmpty() ? "" : "\n"));
    }

    private static String csv(List<TriageCorrection> list) {
        return list.stream().map(c -> String.join(",", c.id.toString(), cell(c.messageId), c.threadId.toString(),
                        cell(c.careTeam), cell(c.rulesVersion), c.fromUrgency.name(), c.fromCategory.name(),
                        c.toUrgency.name(), c.toCategory.name(), cell(c.correctedBy), c.correctedAt.toString()))
                .collect(Collectors.joining("\n", HEADER + "\n", list.isEmpty() ? "" : "\n"));
    }

    private static String json(String s) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(s);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String cell(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
