package org.careline.testsupport.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A service's own OpenAPI document ({@code /q/openapi?format=json}) read into {@link Operation}s, with
 * {@code $ref}s resolved against its components.
 */
public final class OpenApiDocument {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private final JsonNode root;

    private OpenApiDocument(JsonNode root) {
        this.root = root;
    }

    /** Fetches the document of the service listening at {@code base} (e.g. {@code http://localhost:8081/}). */
    public static OpenApiDocument fetch(URI base) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(base.resolve("/q/openapi?format=json")).timeout(Duration.ofSeconds(30))
                            .header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("no OpenAPI document at " + base + ": " + response.statusCode());
            }
            return parse(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static OpenApiDocument parse(String json) {
        try {
            return new OpenApiDocument(JSON.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every operation, in document order. */
    public List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        boolean globallySecured = root.path("security").size() > 0;
        Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            List<JsonNode> shared = new ArrayList<>();
            path.getValue().path("parameters").forEach(shared::add);
            Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
            while (methods.hasNext()) {
                Map.Entry<String, JsonNode> entry = methods.next();
                if (!METHODS.contains(entry.getKey())) {
                    continue;
                }
                JsonNode op = entry.getValue();
                List<Operation.Parameter> parameters = new ArrayList<>();
                List<JsonNode> declared = new ArrayList<>(shared);
                op.path("parameters").forEach(declared::add);
                for (JsonNode p : declared) {
                    JsonNode param = resolve(p);
                    String in = param.path("in").asText();
                    if (in.equals("path") || in.equals("query")) {
                        parameters.add(new Operation.Parameter(param.path("name").asText(), in,
                                param.path("required").asBoolean(in.equals("path")), resolve(param.path("schema"))));
                    }
                }
                String bodyType = null;
                JsonNode bodySchema = null;
                JsonNode content = resolve(op.path("requestBody")).path("content");
                Iterator<String> types = content.fieldNames();
                if (types.hasNext()) {
                    bodyType = types.next();
                    bodySchema = resolve(content.path(bodyType).path("schema"));
                }
                boolean secured = op.has("security") ? op.path("security").size() > 0 : globallySecured;
                operations.add(new Operation(entry.getKey().toUpperCase(Locale.ROOT), path.getKey(),
                        List.copyOf(parameters), bodyType, bodySchema, secured));
            }
        }
        return operations;
    }

    /** The node itself, or what its {@code $ref} points at (followed until a non-reference). */
    public JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; hops < 20 && current != null && current.has("$ref"); hops++) {
            String ref = current.path("$ref").asText();
            if (!ref.startsWith("#/")) {
                return MissingNode.getInstance();
            }
            current = root.at(ref.substring(1));
        }
        return current == null ? MissingNode.getInstance() : current;
    }
}
