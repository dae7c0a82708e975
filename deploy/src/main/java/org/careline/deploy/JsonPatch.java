package org.careline.deploy;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** RFC 6902 JSON Patch, the operations {@code add}, {@code replace} and {@code remove}; others fail. */
final class JsonPatch {

    private JsonPatch() {
    }

    static void apply(ObjectNode doc, ArrayNode ops) {
        for (JsonNode op : ops) {
            String kind = op.path("op").asText();
            List<String> path = pointer(op.path("path").asText());
            JsonNode parent = doc;
            for (String token : path.subList(0, path.size() - 1)) {
                parent = child(parent, token, op);
            }
            String last = path.get(path.size() - 1);
            switch (kind) {
                case "add" -> add(parent, last, op.get("value").deepCopy(), op);
                case "replace" -> {
                    remove(parent, last, op);
                    add(parent, last, op.get("value").deepCopy(), op);
                }
                case "remove" -> remove(parent, last, op);
                default -> throw new IllegalArgumentException("unsupported JSON patch operation: " + op);
            }
        }
    }

    private static JsonNode child(JsonNode node, String token, JsonNode op) {
        JsonNode next = node.isArray() ? node.get(index(node, token, op, false)) : node.get(token);
        if (next == null) {
            throw new IllegalArgumentException("path does not exist: " + op);
        }
        return next;
    }

    private static void add(JsonNode parent, String token, JsonNode value, JsonNode op) {
        if (parent instanceof ObjectNode o) {
            o.set(token, value);
        } else if (parent instanceof ArrayNode a) {
            if ("-".equals(token)) {
                a.add(value);
            } else {
                a.insert(index(a, token, op, true), value);
            }
        } else {
            throw new IllegalArgumentException("cannot add into a scalar: " + op);
        }
    }

    private static void remove(JsonNode parent, String token, JsonNode op) {
        if (parent instanceof ObjectNode o && o.has(token)) {
            o.remove(token);
        } else if (parent instanceof ArrayNode a) {
            a.remove(index(a, token, op, false));
        } else {
            throw new IllegalArgumentException("path does not exist: " + op);
        }
    }

    private static int index(JsonNode array, String token, JsonNode op, boolean forAdd) {
        int i;
        try {
            i = Integer.parseInt(token);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an array index: " + op);
        }
        if (i < 0 || i > array.size() || (!forAdd && i == array.size())) {
            throw new IllegalArgumentException("array index out of range: " + op);
        }
        return i;
    }

    private static List<String> pointer(String pointer) {
        if (!pointer.startsWith("/")) {
            throw new IllegalArgumentException("not a JSON pointer: " + pointer);
        }
        List<String> tokens = new ArrayList<>();
        for (String t : pointer.substring(1).split("/", -1)) {
            tokens.add(t.replace("~1", "/").replace("~0", "~"));
        }
        return tokens;
    }
}
