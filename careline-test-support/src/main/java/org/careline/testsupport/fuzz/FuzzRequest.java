package org.careline.testsupport.fuzz;

/**
 * One generated request.
 *
 * @param operation   the operation's key, e.g. {@code POST /api/v1/threads}
 * @param mutation    what was done to the plausible request, for the report
 * @param target      the path and query, already encoded
 * @param contentType null for none
 * @param body        null for none
 * @param token       the bearer token, or null for an unauthenticated request
 */
public record FuzzRequest(String operation, String mutation, String method, String target, String contentType,
                          byte[] body, String token) {

    FuzzRequest withToken(String value) {
        return new FuzzRequest(operation, mutation, method, target, contentType, body, value);
    }
}
