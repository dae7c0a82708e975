package org.careline.triage.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import org.careline.platform.problem.ProblemException;
import org.careline.platform.security.CurrentCaller;
import org.careline.platform.security.Roles;
import org.careline.triage.RulesVersion;
import org.careline.triage.service.RulesRegistry;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** The triage rules as versioned data: view the active rules and their history, publish a new version. */
@Path("/api/v1/triage/rules")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Triage rules")
@SecurityRequirement(name = "SecurityScheme")
@RolesAllowed(Roles.ADMIN)
public class RulesResource {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String EXAMPLE_VERSION = "{\"version\":\"careline-triage-rules-4.4\",\"publishedBy\":"
            + "\"configuration\",\"publishedAt\":null,\"active\":true,\"document\":{\"version\":"
            + "\"careline-triage-rules-4.4\",\"negation\":{\"cues\":[\"no\",\"denies\"],\"window\":4},\"flags\":[]}}";

    private final RulesRegistry registry;
    private final CurrentCaller caller;

    public RulesResource(RulesRegistry registry, CurrentCaller caller) {
        this.registry = registry;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The active rules document", description = "Role admin. The rules in force and who published them.")
    @APIResponse(responseCode = "200", description = "The active rules", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "active", value = EXAMPLE_VERSION)))
    @APIResponse(responseCode = "403", description = "The caller is not an admin")
    public RulesVersionResponse active() {
        RulesRegistry.Active a = registry.current();
        return new RulesVersionResponse(a.rules().version(), a.publishedBy(), a.publishedAt(), true,
                tree(a.rules().toJson()));
    }

    @GET
    @Path("versions")
    @Operation(summary = "Published versions, newest first (without their documents)")
    @APIResponse(responseCode = "200", description = "The versions", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "history",
            value = "[{\"version\":\"clinic-2026-11\",\"publishedBy\":\"a1b2c3\",\"publishedAt\":"
                    + "\"2026-11-23T10:00:00Z\",\"active\":true,\"document\":null}]")))
    @APIResponse(responseCode = "403", description = "The caller is not an admin")
    public Uni<List<RulesVersionResponse>> versions() {
        String activeVersion = registry.current().rules().version();
        return registry.history().map(list -> list.stream()
                .map(v -> new RulesVersionResponse(v.version, v.publishedBy, v.publishedAt,
                        v.version.equals(activeVersion), null))
                .toList());
    }

    @GET
    @Path("versions/{version}")
    @Operation(summary = "One published version with its document")
    @APIResponse(responseCode = "200", description = "The version", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "version", value = EXAMPLE_VERSION)))
    @APIResponse(responseCode = "404", description = "No such published version")
    public Uni<RulesVersionResponse> version(@PathParam("version") String version) {
        return registry.find(version).map(v -> {
            if (v == null) {
                throw ProblemException.notFound("No published rules version with this name.");
            }
            return response(v);
        });
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Publish and activate a new rules version",
            description = "The whole document, validated (every phrase and concept compiled) before it is stored. "
                    + "Versions are immutable: a change needs a new version name.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(
            name = "document", summary = "GET the active document, change it and give it a new version",
            value = "{\"version\":\"clinic-2026-11\",\"matching\":{\"minLength\":6,\"longLength\":10},\"...\":\"...\"}")))
    @APIResponse(responseCode = "201", description = "Published and active")
    @APIResponse(responseCode = "400", description = "Not a valid rules document; the detail lists every problem",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "invalid",
            value = "{\"type\":\"https://careline.dev/problems/invalid-rules\",\"title\":\"Invalid Rules\","
                    + "\"status\":400,\"detail\":\"triage phrase 'out of @insulins' names an unknown concept @insulins\"}")))
    @APIResponse(responseCode = "409", description = "This version already exists")
    @APIResponse(responseCode = "403", description = "The caller is not an admin")
    public Uni<Response> publish(String document, @Context UriInfo uri) {
        if (document == null || document.isBlank()) {
            throw ProblemException.badRequest("A rules document is required.");
        }
        return registry.publish(caller.get(), document).map(v -> Response
                .created(uri.getBaseUriBuilder().path("api/v1/triage/rules/versions/{version}").build(v.version))
                .entity(response(v)).build());
    }

    private RulesVersionResponse response(RulesVersion v) {
        return new RulesVersionResponse(v.version, v.publishedBy, v.publishedAt,
                v.version.equals(registry.current().rules().version()), tree(v.document));
    }

    private static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored rules are not JSON", e);
        }
    }
}
