package org.careline.platform.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * An RFC 9457 problem details body. {@code detail} is written by us, never copied from an
 * exception or the request, so it cannot carry PHI.
 *
 * @param type      a stable URI per kind of error, e.g. {@code https://careline.dev/problems/not-found}
 * @param requestId the request id to quote to support
 * @param violations the invalid fields of a rejected request, when there are any
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance,
                      String requestId, List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://careline.dev/problems/";

    /** One invalid field: where it is (a JSON path or parameter name) and what is wrong. */
    public record Violation(String field, String message) {
    }
}
