package org.careline.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The repository this module lives in, and the rendered overlays (rendered once per test JVM). */
final class Repo {

    static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    static final Path K8S = ROOT.resolve("deploy/k8s");
    static final List<String> OVERLAYS = List.of("dev", "prod");

    private static final Map<String, List<ObjectNode>> RENDERED = new ConcurrentHashMap<>();

    private Repo() {
    }

    /** The documents of an overlay, as rendered by {@link Kustomize}. */
    static List<ObjectNode> rendered(String overlay) {
        return RENDERED.computeIfAbsent(overlay, o -> Kustomize.render(K8S.resolve("overlays/" + o)));
    }

    static Stream<ObjectNode> ofKind(String overlay, String kind) {
        return rendered(overlay).stream().filter(d -> kind.equals(d.path("kind").asText()));
    }

    static ObjectNode one(String overlay, String kind, String name) {
        return ofKind(overlay, kind).filter(d -> name.equals(d.path("metadata").path("name").asText()))
                .findFirst().orElseThrow(() -> new AssertionError(overlay + ": no " + kind + " " + name));
    }

    static String name(JsonNode doc) {
        return doc.path("metadata").path("name").asText();
    }

    static boolean isDirectory(Path p) {
        return Files.isDirectory(p);
    }
}
