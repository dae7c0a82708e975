package org.careline.testsupport.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Derives a bounded, deterministic set of requests for one {@link Operation} from its schema: a plausible
 * request, then mutations of it (wrong types, missing and extra fields, huge strings, deep nesting, invalid
 * UTF-8, control characters, injections, confusables, boundary numbers, malformed ids and cursors, wrong
 * content types, missing or bad credentials). A plain {@link Random} with a fixed seed drives every choice,
 * so a run is reproducible.
 */
final class RequestGenerator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] ENCODED_SEGMENTS = {"%FF", "%C0%AF", "%ED%A0%80", "%2e%2e%2f%2e%2e%2f", "%25", "%00"};

    private final OpenApiDocument document;
    private final ApiFuzzer.Settings settings;

    RequestGenerator(OpenApiDocument document, ApiFuzzer.Settings settings) {
        this.document = document;
        this.settings = settings;
    }

    List<FuzzRequest> requestsFor(Operation op) {
        Random random = new Random(settings.seed() ^ op.key().hashCode());
        Builder base = baseline(op, random);
        List<FuzzRequest> all = new ArrayList<>();
        for (int i = 0; i < settings.tokens().size(); i++) {
            all.add(base.copy().token(settings.tokens().get(i)).build("baseline as token #" + i));
        }
        if (op.secured()) {
            for (Map.Entry<String, String> bad : settings.badTokens().entrySet()) {
                all.add(base.copy().token(bad.getValue()).build("credentials: " + bad.getKey()));
            }
        }
        List<FuzzRequest> mutations = new ArrayList<>();
        pathMutations(op, base, mutations);
        queryMutations(op, base, mutations, random);
        if (op.bodyType() != null) {
            bodyMutations(op, base, mutations, random);
        }
        Collections.shuffle(mutations, random);
        int room = Math.max(0, settings.maxPerOperation() - all.size());
        int i = 0;
        for (FuzzRequest request : mutations.subList(0, Math.min(room, mutations.size()))) {
            all.add(request.withToken(settings.tokens().isEmpty() ? null
                    : settings.tokens().get(i++ % settings.tokens().size())));
        }
        return all;
    }

    /** The plausible request of {@code op} (real ids where known), with {@code token}. */
    FuzzRequest plausible(Operation op, String token) {
        return baseline(op, new Random(settings.seed() ^ op.key().hashCode())).token(token).build("plausible");
    }

    // ---- the plausible request

    private Builder baseline(Operation op, Random random) {
        Builder b = new Builder(op);
        for (Operation.Parameter p : op.in("path")) {
            List<String> known = settings.knownValues().get(p.name());
            b.path.put(p.name(), encodePath(known != null && !known.isEmpty()
                    ? known.get(random.nextInt(known.size())) : pathText(p.schema(), random)));
        }
        for (Operation.Parameter p : op.in("query")) {
            List<String> known = settings.knownValues().get(p.name());
            if (known != null && !known.isEmpty()) {
                b.query.put(p.name(), known.get(random.nextInt(known.size())));
            } else if (p.required()) {
                b.query.put(p.name(), text(valid(p.schema(), random, 0)));
            }
        }
        if (op.bodyType() != null) {
            b.contentType = op.bodyType();
            if (isJson(op.bodyType())) {
                b.json = valid(op.bodySchema(), random, 0);
                b.body = bytes(b.json);
            } else {
                byte[] bytes = new byte[64];
                random.nextBytes(bytes);
                b.body = bytes;
            }
        }
        return b;
    }

    private JsonNode valid(JsonNode schema, Random random, int depth) {
        JsonNode s = merged(schema);
        if (s.has("example") && !s.path("example").isNull()) {
            return s.path("example");
        }
        if (s.path("examples").isArray() && s.path("examples").size() > 0) {
            return s.path("examples").get(0);
        }
        if (s.path("enum").isArray() && s.path("enum").size() > 0) {
            return s.path("enum").get(random.nextInt(s.path("enum").size()));
        }
        return switch (type(s)) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                if (depth < 4) {
                    s.path("properties").fields().forEachRemaining(
                            e -> object.set(e.getKey(), valid(e.getValue(), random, depth + 1)));
                }
                yield object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                if (depth < 4) {
                    array.add(valid(s.path("items"), random, depth + 1));
                }
                yield array;
            }
            case "integer" -> NODES.numberNode(Math.max(1, s.path("minimum").asLong(1)));
            case "number" -> NODES.numberNode(Math.max(1.0, s.path("minimum").asDouble(1.0)));
            case "boolean" -> NODES.booleanNode(random.nextBoolean());
            default -> NODES.textNode(validText(s, random));
        };
    }

    /** A plausible path value: the schema's own when it has one, else an id-shaped one (never the marker). */
    private String pathText(JsonNode schema, Random random) {
        JsonNode s = merged(schema);
        if (s.has("example") || s.path("enum").size() > 0 || !type(s).equals("string") || s.has("format")) {
            return text(valid(s, random, 0));
        }
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    private String validText(JsonNode s, Random random) {
        return switch (s.path("format").asText("")) {
            case "uuid" -> new UUID(random.nextLong(), random.nextLong()).toString();
            case "date-time" -> "2030-01-0" + (1 + random.nextInt(8)) + "T10:00:00Z";
            case "date" -> "1990-01-0" + (1 + random.nextInt(8));
            case "email" -> "fuzz@careline.test";
            case "duration" -> "PT15M";
            default -> settings.marker() + " text";
        };
    }

    // ---- mutations

    private void pathMutations(Operation op, Builder base, List<FuzzRequest> out) {
        for (Operation.Parameter p : op.in("path")) {
            for (String value : HostileValues.PATH_SEGMENTS) {
                Builder b = base.copy();
                b.path.put(p.name(), encodePath(value));
                out.add(b.build("path " + p.name() + " = " + preview(value)));
            }
            for (String encoded : ENCODED_SEGMENTS) {
                Builder b = base.copy();
                b.path.put(p.name(), encoded);
                out.add(b.build("path " + p.name() + " raw " + encoded));
            }
        }
    }

    private void queryMutations(Operation op, Builder base, List<FuzzRequest> out, Random random) {
        for (Operation.Parameter p : op.in("query")) {
            String type = type(merged(p.schema()));
            List<String> values = new ArrayList<>(HostileValues.STRINGS);
            if (type.equals("integer") || type.equals("number")) {
                values.addAll(HostileValues.NUMBER_TEXT);
            }
            if (p.name().toLowerCase().contains("cursor") || p.name().equalsIgnoreCase("after")) {
                values.addAll(HostileValues.CURSORS);
            }
            values.add(settings.marker() + " in query");
            for (String value : values) {
                Builder b = base.copy();
                b.query.put(p.name(), value);
                out.add(b.build("query " + p.name() + " = " + preview(value)));
            }
            Builder missing = base.copy();
            missing.query.remove(p.name());
            out.add(missing.build("query " + p.name() + " missing"));
            Builder twice = base.copy();
            twice.extraQuery = "&" + enc(p.name()) + "=a&" + enc(p.name()) + "=b";
            out.add(twice.build("query " + p.name() + " repeated"));
        }
        Builder unknown = base.copy();
        unknown.extraQuery = "&unknownParam=%27%20OR%201%3D1&%FF=%FF";
        out.add(unknown.build("unknown query parameters"));
    }

    private void bodyMutations(Operation op, Builder base, List<FuzzRequest> out, Random random) {
        if (!isJson(op.bodyType())) {
            out.add(base.copy().body(new byte[0]).build("empty body"));
            out.add(base.copy().body(HostileValues.huge(1 << 20).getBytes(StandardCharsets.UTF_8)).build("1 MB body"));
            out.add(base.copy().body("{\"a\":1}".getBytes(StandardCharsets.UTF_8)).contentType("application/json")
                    .build("JSON instead of " + op.bodyType()));
            out.add(base.copy().contentType(null).build("no content type"));
            out.add(base.copy().contentType("text/html").build("content type text/html"));
            return;
        }
        Map<String, String> raw = new LinkedHashMap<>();
        raw.put("empty body", "");
        raw.put("null", "null");
        raw.put("array instead of object", "[]");
        raw.put("string instead of object", "\"text\"");
        raw.put("number instead of object", "12345");
        raw.put("empty object", "{}");
        raw.put("unterminated object", "{");
        raw.put("dangling key", "{\"a\":");
        raw.put("single quotes", "{'a':1}");
        raw.put("trailing comma", "{\"a\":1,}");
        raw.put("comment", "/* x */ {}");
        raw.put("NaN token", "{\"a\":NaN}");
        raw.put("control character in string", "{\"a\":\"\u0001\u0000\"}");
        raw.put("deep array nesting 10000", "[".repeat(10_000) + "]".repeat(10_000));
        raw.put("deep object nesting 10000", "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000));
        raw.put("huge number", "{\"a\":" + "9".repeat(5_000) + "}");
        String valid = new String(base.body, StandardCharsets.UTF_8);
        raw.put("truncated", valid.substring(0, valid.length() / 2));
        raw.put("byte order mark", "\ufeff" + valid);
        raw.put("two documents", valid + valid);
        for (Map.Entry<String, String> e : raw.entrySet()) {
            out.add(base.copy().body(e.getValue().getBytes(StandardCharsets.UTF_8)).build("body " + e.getKey()));
        }
        for (byte[] invalid : HostileValues.INVALID_UTF8) {
            out.add(base.copy().body(withBytesInFirstString(base.body, invalid)).build("invalid UTF-8 " + hex(invalid)));
        }
        out.add(base.copy().contentType("text/plain").build("content type text/plain"));
        out.add(base.copy().contentType("application/xml").body("<a>1</a>".getBytes(StandardCharsets.UTF_8))
                .build("content type application/xml"));
        out.add(base.copy().contentType("application/x-www-form-urlencoded").body("a=1".getBytes(StandardCharsets.UTF_8))
                .build("content type form"));
        out.add(base.copy().contentType(null).build("no content type"));
        out.add(base.copy().contentType("application/json; charset=UTF-16").build("declared UTF-16"));

        if (!(base.json instanceof ObjectNode object)) {
            return;
        }
        ObjectNode extra = object.deepCopy();
        extra.put("unexpectedField", settings.marker());
        extra.set("__proto__", NODES.objectNode().put("admin", true));
        out.add(base.copy().json(extra).build("extra fields"));
        JsonNode schema = merged(op.bodySchema());
        Iterator<String> names = object.fieldNames();
        boolean hugeDone = false;
        while (names.hasNext()) {
            String field = names.next();
            JsonNode fieldSchema = merged(schema.path("properties").path(field));
            String type = type(fieldSchema);
            out.add(mutate(base, field, o -> { o.remove(field); return o; }, "missing " + field));
            out.add(mutate(base, field, o -> o.putNull(field), field + " = null"));
            for (JsonNode wrong : wrongTypes(type)) {
                out.add(mutate(base, field, o -> o.set(field, wrong), field + " wrong type " + wrong));
            }
            if (fieldSchema.path("enum").isArray()) {
                for (String v : List.of("NOT_A_VALUE", fieldSchema.path("enum").path(0).asText().toLowerCase(), "")) {
                    out.add(mutate(base, field, o -> o.put(field, v), field + " enum = '" + v + "'"));
                }
            }
            switch (type) {
                case "integer", "number" -> {
                    for (String n : HostileValues.NUMBERS) {
                        out.add(base.copy().body(replaceField(object, field, n)).build(field + " = " + n));
                    }
                }
                case "string" -> {
                    for (String s : HostileValues.STRINGS) {
                        out.add(mutate(base, field, o -> o.put(field, s), field + " = " + preview(s)));
                    }
                    if (!hugeDone) {
                        hugeDone = true;
                        String huge = HostileValues.huge(1 << 20);
                        out.add(mutate(base, field, o -> o.put(field, huge), field + " 1 MB string"));
                    } else {
                        String big = HostileValues.huge(64 << 10);
                        out.add(mutate(base, field, o -> o.put(field, big), field + " 64 KB string"));
                    }
                }
                default -> {
                }
            }
        }
    }

    private Builder mutateBuilder(Builder base, UnaryOperator<ObjectNode> change) {
        return base.copy().json(change.apply(((ObjectNode) base.json).deepCopy()));
    }

    private FuzzRequest mutate(Builder base, String field, UnaryOperator<ObjectNode> change, String name) {
        return mutateBuilder(base, change).build(name);
    }

    private static List<JsonNode> wrongTypes(String type) {
        List<JsonNode> wrong = new ArrayList<>();
        if (!type.equals("string")) {
            wrong.add(NODES.textNode("not-of-this-type"));
        }
        if (!type.equals("integer") && !type.equals("number")) {
            wrong.add(NODES.numberNode(12345));
        }
        if (!type.equals("boolean")) {
            wrong.add(NODES.booleanNode(true));
        }
        if (!type.equals("object")) {
            wrong.add(NODES.objectNode().put("nested", 1));
        }
        if (!type.equals("array")) {
            wrong.add(NODES.arrayNode().add(1).add("two"));
        }
        return wrong;
    }

    /** The object with one field's value replaced by a raw JSON token (for numbers Jackson would not write). */
    private static byte[] replaceField(ObjectNode object, String field, String rawToken) {
        ObjectNode copy = object.deepCopy();
        String placeholder = "__fuzz_placeholder__";
        copy.put(field, placeholder);
        return new String(bytes(copy), StandardCharsets.UTF_8).replace("\"" + placeholder + "\"", rawToken)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] withBytesInFirstString(byte[] json, byte[] invalid) {
        int quote = -1;
        for (int i = 0, quotes = 0; i < json.length; i++) {
            if (json[i] == '"' && ++quotes == 3) { // the opening quote of the first value string
                quote = i;
                break;
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (quote < 0) {
            out.writeBytes("{\"a\":\"".getBytes(StandardCharsets.UTF_8));
            out.writeBytes(invalid);
            out.writeBytes("\"}".getBytes(StandardCharsets.UTF_8));
        } else {
            out.write(json, 0, quote + 1);
            out.writeBytes(invalid);
            out.write(json, quote + 1, json.length - quote - 1);
        }
        return out.toByteArray();
    }

    // ---- schema helpers

    /** The schema with {@code $ref}, {@code allOf} and the first non-null {@code anyOf}/{@code oneOf} folded in. */
    private JsonNode merged(JsonNode schema) {
        JsonNode s = document.resolve(schema == null ? NODES.missingNode() : schema);
        if (!(s instanceof ObjectNode)) {
            return NODES.objectNode();
        }
        ObjectNode result = ((ObjectNode) s).deepCopy();
        for (String combiner : List.of("allOf", "anyOf", "oneOf")) {
            JsonNode parts = s.path(combiner);
            for (JsonNode part : parts) {
                JsonNode resolved = merged(part);
                if (resolved.path("type").asText().equals("null")) {
                    continue;
                }
                resolved.fields().forEachRemaining(e -> {
                    if (e.getKey().equals("properties") && result.has("properties")) {
                        ((ObjectNode) result.get("properties")).setAll((ObjectNode) e.getValue());
                    } else if (!result.has(e.getKey())) {
                        result.set(e.getKey(), e.getValue());
                    }
                });
                if (!combiner.equals("allOf")) {
                    break;
                }
            }
        }
        return result;
    }

    private static String type(JsonNode s) {
        JsonNode type = s.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!t.asText().equals("null")) {
                    return t.asText();
                }
            }
        }
        if (type.isTextual()) {
            return type.asText();
        }
        return s.has("properties") ? "object" : "string";
    }

    // ---- encoding

    static boolean isJson(String mediaType) {
        return mediaType != null && mediaType.contains("json");
    }

    private static String text(JsonNode node) {
        return node.isValueNode() ? node.asText() : node.toString();
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String encodePath(String value) {
        return enc(value).replace("+", "%20");
    }

    private static String preview(String value) {
        String shown = value.length() > 40 ? value.substring(0, 40) + "...(" + value.length() + " chars)" : value;
        StringBuilder safe = new StringBuilder();
        shown.codePoints().forEach(c -> safe.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", c)
                : new String(Character.toChars(c))));
        return "'" + safe + "'";
    }

    private static String hex(byte[] bytes) {
        StringBuilder hex = new StringBuilder();
        for (byte b : bytes) {
            hex.append(String.format("%02X", b));
        }
        return hex.toString();
    }

    /** A request under construction. */
    private final class Builder {
        private final Operation op;
        private final Map<String, String> path = new LinkedHashMap<>();
        private final Map<String, String> query = new LinkedHashMap<>();
        private String extraQuery = "";
        private String contentType;
        private JsonNode json;
        private byte[] body;
        private String token;

        Builder(Operation op) {
            this.op = op;
        }

        Builder copy() {
            Builder b = new Builder(op);
            b.path.putAll(path);
            b.query.putAll(query);
            b.extraQuery = extraQuery;
            b.contentType = contentType;
            b.json = json;
            b.body = body;
            b.token = token;
            return b;
        }

        Builder token(String value) {
            token = value;
            return this;
        }

        Builder body(byte[] value) {
            body = value;
            return this;
        }

        Builder json(JsonNode value) {
            json = value;
            body = bytes(value);
            return this;
        }

        Builder contentType(String value) {
            contentType = value;
            return this;
        }

        FuzzRequest build(String mutation) {
            String target = op.path();
            for (Map.Entry<String, String> p : path.entrySet()) {
                target = target.replace("{" + p.getKey() + "}", p.getValue());
            }
            StringBuilder q = new StringBuilder();
            query.forEach((k, v) -> q.append(q.length() == 0 ? "" : "&").append(enc(k)).append('=').append(enc(v)));
            q.append(extraQuery);
            String qs = q.toString().replaceFirst("^&", "");
            return new FuzzRequest(op.key(), mutation, op.method(), qs.isEmpty() ? target : target + "?" + qs,
                    body == null ? null : contentType, body, token);
        }
    }
}
