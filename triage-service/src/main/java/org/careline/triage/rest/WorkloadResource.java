package org.careline.triage.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.careline.platform.problem.ProblemException;
import org.careline.platform.security.CurrentCaller;
import org.careline.platform.security.Roles;
import org.careline.triage.config.WorkloadConfig;
import org.careline.triage.mapping.WorkloadCsv;
import org.careline.triage.service.WorkloadAnalytics;
import org.careline.triage.service.WorkloadAnalytics.GroupBy;
import org.careline.triage.service.WorkloadPeriod;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.util.Locale;

/**
 * Workload analytics: messages received and answered, first-response turnaround by urgency, replies after hours,
 * automatic replies, and the backlog now. Counts and codes only, never a patient id or text.
 */
@Path("/api/v1/analytics/workload")
@Tag(name = "Workload analytics")
@SecurityRequirement(name = "SecurityScheme")
@RolesAllowed({Roles.ADMIN, Roles.CLINICIAN, Roles.STAFF})
public class WorkloadResource {

    private static final int MAX_IDENTIFIER = 128;

    static final String CSV = "text/csv";
    private static final String TURNAROUND = "\"turnaround\":{\"ALL\":{\"answered\":2,\"medianSeconds\":3150.0,"
            + "\"p90Seconds\":4950.0},\"EMERGENT\":{\"answered\":0,\"medianSeconds\":null,\"p90Seconds\":null},"
            + "\"URGENT\":{\"answered\":1,\"medianSeconds\":900.0,\"p90Seconds\":900.0},\"ROUTINE\":{\"answered\":1,"
            + "\"medianSeconds\":5400.0,\"p90Seconds\":5400.0}}";
    private static final String POOL_EXAMPLE = "{\"from\":\"2026-11-01T00:00:00Z\",\"to\":\"2026-12-01T00:00:00Z\","
            + "\"groupBy\":\"pool\",\"careTeam\":null,\"generatedAt\":\"2026-11-23T19:00:00Z\",\"rows\":[{\"careTeam\":"
            + "\"family-medicine\",\"pool\":\"nurse-pool\",\"clinician\":null,\"received\":3,\"answered\":2,"
            + "\"repliesSent\":2,\"afterHoursReplies\":1,\"afterHoursShare\":0.5,\"autoReplies\":1,\"openBacklog\":1,"
            + "\"overdueBacklog\":0," + TURNAROUND + "}],\"totals\":{\"careTeam\":null,\"pool\":null,\"clinician\":null,"
            + "\"received\":3,\"answered\":2,\"repliesSent\":2,\"afterHoursReplies\":1,\"afterHoursShare\":0.5,"
            + "\"autoReplies\":1,\"openBacklog\":1,\"overdueBacklog\":0," + TURNAROUND + "}}";
    private static final String CSV_EXAMPLE = WorkloadCsv.HEADER + "\npool,family-medicine,nurse-pool,,3,2,2,1,0.5,1,1,0,"
            + "2,3150,4950,0,,,1,900,900,1,5400,5400\ntotal,,,,3,2,2,1,0.5,1,1,0,2,3150,4950,0,,,1,900,900,1,5400,5400\n";
    private static final String BAD_PERIOD = "{\"type\":\"https://careline.dev/problems/bad-request\",\"title\":"
            + "\"Bad Request\",\"status\":400,\"detail\":\"The period may cover at most 366 days.\"}";
    private static final String FORBIDDEN = "{\"type\":\"https://careline.dev/problems/forbidden\",\"title\":"
            + "\"Forbidden\",\"status\":403,\"detail\":\"You may see your own workload figures only.\"}";

    private final WorkloadAnalytics analytics;
    private final WorkloadConfig config;
    private final CurrentCaller caller;
    private final Clock clock;

    public WorkloadResource(WorkloadAnalytics analytics, WorkloadConfig config, CurrentCaller caller, Clock clock) {
        this.analytics = analytics;
        this.config = config;
        this.caller = caller;
        this.clock = clock;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @Operation(summary = "Workload per pool or per care-team member over a period (JSON or CSV)",
            description = "Patient messages received in [from, to) and how many got a care-team reply; first-response "
                    + "turnaround (wall clock, median and p90 by urgency, interpolated like percentile_cont); care-team "
                    + "replies and the share posted outside the practice's business hours; automatic replies; open and "
                    + "overdue queue items now. `admin` sees every pool or member and the totals; a clinician or staff "
                    + "member sees their own row only (groupBy=clinician), another member's figures or the pools are "
                    + "403 and audited. No patient id, thread id or text. CSV with `Accept: text/csv` or `format=csv`.")
    @APIResponse(responseCode = "200", description = "The figures", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "by pool", value = POOL_EXAMPLE)),
            @Content(mediaType = CSV, examples = @ExampleObject(name = "by pool, CSV", value = CSV_EXAMPLE))})
    @APIResponse(responseCode = "400", description = "A bad period, groupBy or format", content = @Content(
            mediaType = "application/problem+json", examples = @ExampleObject(name = "too long", value = BAD_PERIOD)))
    @APIResponse(responseCode = "403", description = "A patient, caregiver or billing user; or a care-team member asking "
            + "for another member's figures or the pools (audited)", content = @Content(
            mediaType = "application/problem+json", examples = @ExampleObject(name = "someone else", value = FORBIDDEN)))
    public Uni<Response> workload(
            @Parameter(description = "Start (inclusive), ISO-8601 instant; default: `to` minus 30 days") @QueryParam("from") String from,
            @Parameter(description = "End (exclusive), ISO-8601 instant; default: now") @QueryParam("to") String to,
            @Parameter(description = "`pool` (admin; the default for admins) or `clinician`") @QueryParam("groupBy") String groupBy,
            @Parameter(description = "Only this care team's messages and queue items") @QueryParam("careTeam") String careTeam,
            @Parameter(description = "Only this care-team member's row (user id); others may name only themselves")
            @QueryParam("clinician") String clinician,
            @Parameter(description = "`json` or `csv`; default: from the Accept header") @QueryParam("format") String format,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        WorkloadPeriod period = WorkloadPeriod.parse(from, to, clock.instant(), config.defaultPeriod(), config.maxPeriod());
        boolean csv = csv(format, accept);
        return analytics.report(caller.get(), period.from(), period.to(), groupBy(groupBy),
                        identifier("careTeam", careTeam), identifier("clinician", clinician))
                .map(report -> csv ? Response.ok(WorkloadCsv.write(report), CSV).build()
                        : Response.ok(report, MediaType.APPLICATION_JSON).build());
    }

    private static GroupBy groupBy(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "pool" -> GroupBy.POOL;
            case "clinician" -> GroupBy.CLINICIAN;
            default -> throw ProblemException.badRequest("groupBy is pool or clinician.");
        };
    }

    private static boolean csv(String format, String accept) {
        if (format != null && !format.isBlank()) {
            return switch (format.toLowerCase(Locale.ROOT)) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw ProblemException.badRequest("format is json or csv.");
            };
        }
        return accept != null && accept.contains(CSV) && !accept.contains(MediaType.APPLICATION_JSON);
    }

    /** A care team or user id as the store holds it: at most 128 characters, no control characters (no NUL). */
    private static String identifier(String name, String value) {
        String id = blankToNull(value);
        if (id != null && (id.length() > MAX_IDENTIFIER || id.chars().anyMatch(Character::isISOControl))) {
            throw ProblemException.badRequest(name + " is not an identifier: at most " + MAX_IDENTIFIER
                    + " characters, no control characters.");
        }
        return id;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
