package org.careline.messaging.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.careline.messaging.Attachment;
import org.careline.messaging.mapping.AttachmentMapper;
import org.careline.messaging.service.AttachmentOutcome;
import org.careline.messaging.service.AttachmentService;
import org.careline.messaging.service.AttachmentTypes;
import org.careline.platform.problem.ProblemException;
import org.careline.platform.security.CurrentCaller;
import org.careline.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.List;
import java.util.Map;
import java.util.UUID;

@Path("/api/v1/threads/{threadId}/attachments")
@Tag(name = "Attachments", description = "PDF, JPEG and PNG files of a thread, with the thread's access rules")
@SecurityRequirement(name = "SecurityScheme")
@RolesAllowed({Roles.PATIENT, Roles.CAREGIVER, Roles.CLINICIAN, Roles.STAFF})
public class AttachmentResource {

    private static final String NOT_FOUND = "No thread with this id is visible to you.";
    private static final String NO_ATTACHMENT = "No attachment with this id in a thread visible to you.";
    private static final String PROBLEM = "application/problem+json";
    private static final String EXAMPLE = "{\"id\":\"9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4\",\"threadId\":\"0b6f3f5e-8d1c-4c4e-9f57-2b1d3c4a5e6f\","
            + "\"mediaType\":\"application/pdf\",\"sizeBytes\":48213,\"sha256\":\"3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b\","
            + "\"uploadedBy\":\"6c1e...\",\"createdAt\":\"2026-11-23T10:16:02Z\"}";

    private final AttachmentService service;
    private final AttachmentMapper mapper;
    private final CurrentCaller caller;

    public AttachmentResource(AttachmentService service, AttachmentMapper mapper, CurrentCaller caller) {
        this.service = service;
        this.mapper = mapper;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Attach a file to a thread",
            description = "The request body is the file itself (raw bytes, not multipart). Its type is detected from its "
                    + "content (PDF, JPEG or PNG); the Content-Type header and any file name are ignored. At most 10 MB "
                    + "(careline.messaging.attachments.max-size).")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM,
            schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "201", description = "Stored; Location names the attachment",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "stored", value = EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Empty body")
    @APIResponse(responseCode = "404", description = "No such thread visible to the caller")
    @APIResponse(responseCode = "413", description = "Larger than the limit", content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(name = "too large", value = "{\"type\":\"https://careline.dev/problems/attachment-too-large\","
                    + "\"title\":\"Content Too Large\",\"status\":413,\"detail\":\"An attachment may have at most 10485760 bytes.\","
                    + "\"instance\":\"/api/v1/threads/0b6f3f5e-8d1c-4c4e-9f57-2b1d3c4a5e6f/attachments\"}")))
    @APIResponse(responseCode = "415", description = "Not a PDF, JPEG or PNG by its content", content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(name = "unsupported", value = "{\"type\":\"https://careline.dev/problems/unsupported-attachment-type\","
                    + "\"title\":\"Unsupported Media Type\",\"status\":415,\"detail\":\"Only PDF, JPEG and PNG files can be attached.\","
                    + "\"instance\":\"/api/v1/threads/0b6f3f5e-8d1c-4c4e-9f57-2b1d3c4a5e6f/attachments\"}")))
    public Uni<RestResponse<AttachmentResponse>> upload(@PathParam("threadId") String threadId, byte[] content, UriInfo uri) {
        byte[] body = content == null ? new byte[0] : content;
        return service.upload(caller.get(), parse(threadId, NOT_FOUND), body).map(outcome -> {
            Attachment a = stored(outcome);
            return RestResponse.ResponseBuilder.<AttachmentResponse>created(
                    uri.getAbsolutePathBuilder().path(a.id.toString()).build()).entity(mapper.toResponse(a)).build();
        });
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The thread's attachments (metadata), oldest first")
    @APIResponse(responseCode = "200", description = "The attachments", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "one file", value = "{\"items\":[" + EXAMPLE + "]}")))
    @APIResponse(responseCode = "404", description = "No such thread visible to the caller")
    public Uni<AttachmentListResponse> list(@PathParam("threadId") String threadId) {
        return service.list(caller.get(), parse(threadId, NOT_FOUND)).map(found -> new AttachmentListResponse(
                found.orElseThrow(() -> ProblemException.notFound(NOT_FOUND)).stream().map(mapper::toResponse).toList()));
    }

    @GET
    @Path("{attachmentId}")
    // one declared type (streaming needs it fixed); the detected type is set as Content-Type per file
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(summary = "Download an attachment",
            description = "Streamed in chunks with its detected type, as a download (Content-Disposition: attachment).")
    @APIResponse(responseCode = "200", description = "The file", content = {
            @Content(mediaType = AttachmentTypes.PDF), @Content(mediaType = AttachmentTypes.JPEG),
            @Content(mediaType = AttachmentTypes.PNG)})
    @APIResponse(responseCode = "404", description = "No such attachment in a thread visible to the caller",
            content = @Content(mediaType = PROBLEM))
    public RestMulti<byte[]> download(@PathParam("threadId") String threadId,
                                      @PathParam("attachmentId") String attachmentId) {
        UUID thread = parse(threadId, NO_ATTACHMENT);
        UUID id = parse(attachmentId, NO_ATTACHMENT);
        Uni<Attachment> found = service.find(caller.get(), thread, id).map(outcome -> {
            if (outcome.refusal() != null) {
                throw ProblemException.notFound(NO_ATTACHMENT);
            }
            return outcome.attachment();
        });
        return RestMulti.fromUniResponse(found, service::content, a -> Map.of(
                HttpHeaders.CONTENT_TYPE, List.of(a.mediaType),
                HttpHeaders.CONTENT_DISPOSITION, List.of("attachment; filename=\"attachment-" + a.id + "."
                        + AttachmentTypes.extension(a.mediaType) + "\""),
                "X-Content-Type-Options", List.of("nosniff"),
                "Cache-Control", List.of("no-store")));
    }

    private Attachment stored(AttachmentOutcome outcome) {
        if (outcome.refusal() == null) {
            return outcome.attachment();
        }
        throw switch (outcome.refusal()) {
            case NOT_FOUND -> ProblemException.notFound(NOT_FOUND);
            case READ_ONLY -> new ProblemException(403, "forbidden", "Forbidden",
                    "You may read this thread but not add attachments to it.");
            case EMPTY -> ProblemException.badRequest("The attachment is empty: send the file as the request body.");
            case TOO_LARGE -> new ProblemException(413, "attachment-too-large", "Content Too Large",
                    "An attachment may have at most " + service.maxBytes() + " bytes.");
            case UNSUPPORTED_TYPE -> new ProblemException(415, "unsupported-attachment-type", "Unsupported Media Type",
                    "Only PDF, JPEG and PNG files can be attached.");
        };
    }

    private static UUID parse(String id, String notFound) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound(notFound);
        }
    }
}
