package org.careline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Kustomize's {@code images} transformer: a new name and tag for matching container images. */
final class Images {

    private Images() {
    }

    static void apply(ObjectNode doc, JsonNode image) {
        JsonNode podSpec = doc.path("spec").path("template").path("spec");
        if ("Pod".equals(doc.path("kind").asText())) {
            podSpec = doc.path("spec");
        }
        for (String list : new String[] { "containers", "initContainers" }) {
            for (JsonNode c : podSpec.path(list)) {
                rewrite((ObjectNode) c, image);
            }
        }
    }

    private static void rewrite(ObjectNode container, JsonNode image) {
        String ref = container.path("image").asText();
        int slash = ref.lastIndexOf('/');
        int colon = ref.indexOf(':', slash + 1);
        String name = colon < 0 ? ref : ref.substring(0, colon);
        String tag = colon < 0 ? null : ref.substring(colon + 1);
        if (!name.equals(image.path("name").asText())) {
            return;
        }
        if (image.hasNonNull("newName")) {
            name = image.get("newName").asText();
        }
        if (image.hasNonNull("newTag")) {
            tag = image.get("newTag").asText();
        }
        container.put("image", tag == null ? name : name + ":" + tag);
    }
}
