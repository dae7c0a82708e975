package org.careline.testsupport.fuzz;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * One operation of an OpenAPI document, as the fuzzer needs it.
 *
 * @param method      upper-case HTTP method
 * @param path        the path template, e.g. {@code /api/v1/threads/{id}}
 * @param parameters  path and query parameters
 * @param bodyType    the first request media type, or null when the operation takes no body
 * @param bodySchema  the request body schema with references resolved lazily by {@link OpenApiDocument}, or null
 * @param secured     whether the operation declares a security requirement
 */
public record Operation(String method, String path, List<Parameter> parameters, String bodyType, JsonNode bodySchema,
                        boolean secured) {

    /** {@code GET /api/v1/threads/{id}}: how reports and matrices name the operation. */
    public String key() {
        return method + " " + path;
    }

    public List<Parameter> in(String location) {
        return parameters.stream().filter(p -> p.in().equals(location)).toList();
    }

    /** A path or query parameter. */
    public record Parameter(String name, String in, boolean required, JsonNode schema) {
    }
}
