package org.careline.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** Reads Kubernetes YAML: multi-document files, {@code kind: List} files expanded into their items. */
public final class Yaml {

    public static final YAMLMapper MAPPER = new YAMLMapper();

    private Yaml() {
    }

    /** The one document of {@code file}. */
    public static JsonNode readOne(Path file) {
        try {
            return MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw Kustomize.unchecked(e);
        }
    }

    public static JsonNode readTree(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw Kustomize.unchecked(e);
        }
    }

    /** Every resource of {@code file}: each document, the items of a {@code List}; empty documents skipped. */
    public static List<ObjectNode> readResources(Path file) {
        try (MappingIterator<JsonNode> it = MAPPER.readerFor(JsonNode.class).readValues(Files.readString(file))) {
            List<ObjectNode> docs = new ArrayList<>();
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc == null || doc.isNull() || doc.isMissingNode() || doc.isEmpty()) {
                    continue;
                }
                if (!doc.isObject()) {
                    throw new IllegalArgumentException(file + ": a document is not a mapping");
                }
                if ("List".equals(doc.path("kind").asText()) && doc.has("items")) {
                    doc.get("items").forEach(item -> docs.add((ObjectNode) item));
                } else {
                    docs.add((ObjectNode) doc);
                }
            }
            return docs;
        } catch (IOException e) {
            throw Kustomize.unchecked(e);
        }
    }
}
