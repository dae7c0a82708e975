package org.careline.messaging.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.regex.Pattern;

/**
 * An attachment's type comes from its content only: before routing, the client's Content-Type of an
 * upload is replaced, so that no body reader (JSON, form...) ever interprets the file because of it.
 */
public class AttachmentUploadFilter {

    private static final Pattern UPLOAD = Pattern.compile("/api/v1/threads/[^/]+/attachments/?");

    @ServerRequestFilter(preMatching = true)
    void ignoreClaimedType(ContainerRequestContext request) {
        if ("POST".equals(request.getMethod()) && UPLOAD.matcher(request.getUriInfo().getPath()).matches()) {
            request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_OCTET_STREAM);
        }
    }
}
