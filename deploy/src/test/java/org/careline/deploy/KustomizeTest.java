package org.careline.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The small Kustomize renderer: the features deploy/k8s uses, and parity with kubectl where installed. */
class KustomizeTest {

    @TempDir
    Path dir;

    @Test
    void appliesResourcesListsPatchesNamespaceAndImages() throws IOException {
        Files.writeString(dir.resolve("app.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  replicas: 2
                  template:
                    spec:
                      containers:
                        - {name: web, image: careline/web:1.0}
                ---
                apiVersion: v1
                kind: List
                items:
                  - {apiVersion: v1, kind: ConfigMap, metadata: {name: a}, data: {k: v}}
                  - {apiVersion: v1, kind: ConfigMap, metadata: {name: b}, data: {k: v}}
                """);
        Files.writeString(dir.resolve("kustomization.yaml"), """
                namespace: ns1
                resources: [app.yaml]
                images:
                  - {name: careline/web, newName: reg.example/web, newTag: "2.0"}
                patches:
                  - target: {kind: Deployment, name: web}
                    patch: |-
                      - {op: replace, path: /spec/replicas, value: 5}
                      - {op: add, path: /spec/template/spec/containers/-, value: {name: side, image: x:1}}
                  - target: {kind: ConfigMap}
                    patch: |-
                      - {op: remove, path: /data/k}
                """);
        List<ObjectNode> docs = Kustomize.render(dir);
        assertEquals(3, docs.size());
        JsonNode deployment = docs.get(0);
        assertEquals(5, deployment.at("/spec/replicas").asInt());
        assertEquals("reg.example/web:2.0", deployment.at("/spec/template/spec/containers/0/image").asText());
        assertEquals("x:1", deployment.at("/spec/template/spec/containers/1/image").asText());
        docs.forEach(d -> assertEquals("ns1", d.at("/metadata/namespace").asText()));
        assertTrue(docs.get(1).at("/data").isEmpty() && docs.get(2).at("/data").isEmpty());
    }

    @Test
    void refusesWhatItDoesNotImplementInsteadOfIgnoringIt() throws IOException {
        Files.writeString(dir.resolve("a.yaml"), "{apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n");
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: [a.yaml]\ncommonLabels: {x: y}\n");
        assertThrows(IllegalArgumentException.class, () -> Kustomize.render(dir));

        Files.writeString(dir.resolve("kustomization.yaml"), """
                resources: [a.yaml]
                patches:
                  - target: {kind: ConfigMap}
                    patch: |-
                      metadata: {labels: {x: y}}
                """);
        assertThrows(IllegalArgumentException.class, () -> Kustomize.render(dir), "strategic merge patch");

        Files.writeString(dir.resolve("kustomization.yaml"), """
                resources: [a.yaml]
                patches:
                  - target: {kind: Secret}
                    patch: |-
                      - {op: remove, path: /data}
                """);
        assertThrows(IllegalArgumentException.class, () -> Kustomize.render(dir), "a patch that matches nothing");

        Files.writeString(dir.resolve("kustomization.yaml"), """
                resources: [a.yaml]
                patches:
                  - target: {kind: ConfigMap}
                    patch: |-
                      - {op: replace, path: /data/missing, value: 1}
                """);
        assertThrows(IllegalArgumentException.class, () -> Kustomize.render(dir), "replace of a missing path");

        Files.writeString(dir.resolve("kustomization.yaml"), "resources: [a.yaml, a.yaml]\n");
        assertThrows(IllegalArgumentException.class, () -> Kustomize.render(dir), "duplicate resource");
    }

    /**
     * Where kubectl is installed (Debian 12 has no kubectl package, so CI may not have it), both overlays must
     * render to the same documents with kubectl's own Kustomize as with ours.
     */
    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void rendersLikeKubectlKustomizeWhereInstalled(String overlay) throws Exception {
        Path kubectl = java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .map(d -> Path.of(d, "kubectl")).filter(Files::isExecutable).findFirst().orElse(null);
        assumeTrue(kubectl != null, "kubectl not installed: parity not checked");
        Process p = new ProcessBuilder(kubectl.toString(), "kustomize", Repo.K8S.resolve("overlays/" + overlay).toString())
                .redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), new String(out, StandardCharsets.UTF_8));
        Path rendered = dir.resolve("kubectl.yaml");
        Files.write(rendered, out);
        assertEquals(byId(Yaml.readResources(rendered)), byId(Repo.rendered(overlay)));
    }

    private static Map<String, JsonNode> byId(List<ObjectNode> docs) {
        Map<String, JsonNode> m = new TreeMap<>();
        docs.forEach(d -> m.put(d.path("apiVersion").asText() + " " + d.path("kind").asText() + " "
                + d.at("/metadata/namespace").asText() + "/" + Repo.name(d), d));
        return m;
    }
}
