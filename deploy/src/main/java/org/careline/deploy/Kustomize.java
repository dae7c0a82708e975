package org.careline.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A small Kustomize renderer for exactly the features {@code deploy/k8s} uses, so CI renders the overlays
 * without a cluster or a {@code kubectl} binary (Debian 12 ships no {@code kubectl} package; its
 * {@code kubernetes-client} 1.20 embeds Kustomize 2.0). Supported kustomization fields: {@code resources}
 * (files, {@code kind: List} files and directories), {@code namespace}, {@code images} ({@code name},
 * {@code newName}, {@code newTag}) and {@code patches} with an inline JSON 6902 {@code patch} and a
 * {@code target} (kind, name, group, version). Any other field fails the render instead of being ignored.
 * Where {@code kubectl} is installed, {@code KustomizeTest} checks that both render the same documents.
 */
public final class Kustomize {

    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "resources", "namespace", "images",
            "patches");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass", "IngressClass");

    private Kustomize() {
    }

    /** Renders the kustomization in {@code dir}: its resources with every transformation applied. */
    public static List<ObjectNode> render(Path dir) {
        Path file = dir.resolve("kustomization.yaml");
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("no kustomization.yaml in " + dir);
        }
        JsonNode k = Yaml.readOne(file);
        List<String> unsupported = new ArrayList<>();
        k.fieldNames().forEachRemaining(f -> {
            if (!SUPPORTED.contains(f)) {
                unsupported.add(f);
            }
        });
        if (!unsupported.isEmpty()) {
            throw new IllegalArgumentException(file + ": unsupported kustomization fields " + unsupported);
        }
        List<ObjectNode> docs = new ArrayList<>();
        for (JsonNode r : k.path("resources")) {
            Path p = dir.resolve(r.asText()).normalize();
            if (Files.isDirectory(p)) {
                docs.addAll(render(p));
            } else if (Files.exists(p)) {
                docs.addAll(Yaml.readResources(p));
            } else {
                throw new IllegalArgumentException(file + ": resource not found: " + r.asText());
            }
        }
        checkUnique(docs, file);
        for (JsonNode patch : k.path("patches")) {
            applyPatch(docs, patch, file);
        }
        if (k.hasNonNull("namespace")) {
            String ns = k.get("namespace").asText();
            docs.stream().filter(d -> !CLUSTER_SCOPED.contains(d.path("kind").asText()))
                    .forEach(d -> d.withObjectProperty("metadata").put("namespace", ns));
        }
        for (JsonNode image : k.path("images")) {
            docs.forEach(d -> Images.apply(d, image));
        }
        return docs;
    }

    private static void applyPatch(List<ObjectNode> docs, JsonNode patch, Path file) {
        if (!patch.hasNonNull("patch") || patch.has("path")) {
            throw new IllegalArgumentException(file + ": only inline JSON 6902 patches are supported");
        }
        JsonNode ops = Yaml.readTree(patch.get("patch").asText());
        if (!ops.isArray()) {
            throw new IllegalArgumentException(file + ": strategic merge patches are not supported: " + patch);
        }
        JsonNode target = patch.path("target");
        int matched = 0;
        for (ObjectNode doc : docs) {
            if (matches(target, doc)) {
                JsonPatch.apply(doc, (ArrayNode) ops);
                matched++;
            }
        }
        if (matched == 0) {
            throw new IllegalArgumentException(file + ": patch target matches nothing: " + target);
        }
    }

    private static boolean matches(JsonNode target, ObjectNode doc) {
        String apiVersion = doc.path("apiVersion").asText();
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        return same(target, "kind", doc.path("kind").asText())
                && same(target, "name", doc.path("metadata").path("name").asText())
                && same(target, "group", group)
                && same(target, "version", version);
    }

    private static boolean same(JsonNode target, String field, String value) {
        return !target.hasNonNull(field) || target.get(field).asText().equals(value);
    }

    private static void checkUnique(List<ObjectNode> docs, Path file) {
        Set<String> ids = new HashSet<>();
        for (ObjectNode d : docs) {
            String id = d.path("apiVersion").asText() + "/" + d.path("kind").asText() + "/"
                    + d.path("metadata").path("namespace").asText() + "/" + d.path("metadata").path("name").asText();
            if (!ids.add(id)) {
                throw new IllegalArgumentException(file + ": duplicate resource " + id);
            }
        }
    }

    static UncheckedIOException unchecked(IOException e) {
        return new UncheckedIOException(e);
    }
}
