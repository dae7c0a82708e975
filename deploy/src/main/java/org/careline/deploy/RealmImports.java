package org.careline.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Makes the Keycloak Operator's {@code KeycloakRealmImport} of each overlay from the one realm definition,
 * {@code deploy/keycloak/careline-realm.json} (the local stack's realm):
 * <ul>
 * <li>both: every client secret becomes a placeholder ({@code ${CARELINE_EHR_CLIENT_SECRET}}) that the
 * operator fills from the Secret {@value #PARAMS_SECRET}; no secret value is written;</li>
 * <li>prod: display name {@code Careline}, no demo users (only the service-account users that clients need, without credentials), no
 * password grant, and loopback redirect URIs replaced by {@code ${CARELINE_WEB_REDIRECT_URI}};</li>
 * <li>dev: the demo users, with their documented demo password.</li>
 * </ul>
 * Regenerate after editing the realm:
 * {@code ./mvnw -q -f deploy/pom.xml test -Dtest=RealmImportTest -Dcareline.regenerate=true}.
 * {@code RealmImportTest} fails while a committed file differs from what this class makes.
 */
public final class RealmImports {

    /** The Secret holding the realm's placeholders (created at install, never committed). */
    public static final String PARAMS_SECRET = "careline-keycloak-realm";
    public static final String KEYCLOAK_CR = "careline-keycloak";
    public static final String SERVICE_ACCOUNT_PREFIX = "service-account-";

    /** Which overlay the import is for. */
    public enum Variant {
        DEV, PROD
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR));

    private RealmImports() {
    }

    /** The committed file of {@code variant}, relative to the repository root. */
    public static Path file(Path repoRoot, Variant variant) {
        return repoRoot.resolve("deploy/k8s/overlays/" + variant.name().toLowerCase(Locale.ROOT)
                + "/keycloak-realm-import.yaml");
    }

    public static Path source(Path repoRoot) {
        return repoRoot.resolve("deploy/keycloak/careline-realm.json");
    }

    /** The realm of {@code variant} made from {@code source} (which is not modified). */
    public static ObjectNode realm(JsonNode source, Variant variant) {
        ObjectNode realm = source.deepCopy();
        for (JsonNode client : realm.path("clients")) {
            ObjectNode c = (ObjectNode) client;
            if (c.hasNonNull("secret")) {
                c.put("secret", "${" + secretPlaceholder(c.get("clientId").asText()) + "}");
            }
            if (variant == Variant.PROD) {
                c.put("directAccessGrantsEnabled", false);
                if (c.has("redirectUris") && !c.get("redirectUris").isEmpty()) {
                    c.set("redirectUris", JSON.createArrayNode().add("${CARELINE_WEB_REDIRECT_URI}"));
                }
            }
        }
        if (variant == Variant.PROD) {
            realm.put("displayName", "Careline");
        }
        if (variant == Variant.PROD && realm.has("users")) {
            ArrayNode kept = JSON.createArrayNode();
            for (JsonNode user : realm.get("users")) {
                if (user.path("username").asText().startsWith(SERVICE_ACCOUNT_PREFIX)) {
                    ObjectNode u = user.deepCopy();
                    u.remove("credentials");
                    kept.add(u);
                }
            }
            realm.set("users", kept);
        }
        return realm;
    }

    /** {@code careline-ehr} gives {@code CARELINE_EHR_CLIENT_SECRET}. */
    public static String secretPlaceholder(String clientId) {
        return clientId.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_CLIENT_SECRET";
    }

    /** The whole {@code KeycloakRealmImport} document of {@code variant}, with its generated-file header. */
    public static String render(JsonNode source, Variant variant) {
        ObjectNode realm = realm(source, variant);
        Map<String, String> placeholders = new TreeMap<>();
        collectPlaceholders(realm, placeholders);
        ObjectNode doc = JSON.createObjectNode();
        doc.put("apiVersion", "k8s.keycloak.org/v2alpha1");
        doc.put("kind", "KeycloakRealmImport");
        doc.putObject("metadata").put("name", "careline-realm");
        ObjectNode spec = doc.putObject("spec");
        spec.put("keycloakCRName", KEYCLOAK_CR);
        ObjectNode ph = spec.putObject("placeholders");
        placeholders.forEach((name, key) -> ph.putObject(name).putObject("secret")
                .put("name", PARAMS_SECRET).put("key", key));
        spec.set("realm", realm);
        try {
            return header(variant) + YAML.writeValueAsString(doc);
        } catch (IOException e) {
            throw Kustomize.unchecked(e);
        }
    }

    private static void collectPlaceholders(JsonNode node, Map<String, String> out) {
        if (node.isTextual()) {
            var m = java.util.regex.Pattern.compile("\\$\\{([A-Z0-9_]+)}").matcher(node.asText());
            while (m.find()) {
                out.put(m.group(1), m.group(1).toLowerCase(Locale.ROOT).replace('_', '-'));
            }
        }
        for (Iterator<JsonNode> it = node.elements(); it.hasNext();) {
            collectPlaceholders(it.next(), out);
        }
    }

    private static String header(Variant variant) {
        return "# GENERATED by org.careline.deploy.RealmImports from deploy/keycloak/careline-realm.json: do not edit.\n"
                + "# Regenerate: ./mvnw -q -f deploy/pom.xml test -Dtest=RealmImportTest -Dcareline.regenerate=true\n"
                + (variant == Variant.PROD
                        ? "# prod: no demo users, no password grant; client secrets and the redirect URI come from the\n"
                                + "# Secret " + PARAMS_SECRET + " (docs/deploy.md, \"Secrets\").\n"
                        : "# dev: the demo realm with its demo users (well-known password, see deploy/keycloak/README.md);\n"
                                + "# client secrets come from the Secret " + PARAMS_SECRET + ". Never for patient data.\n");
    }

    /** Writes both overlays' files from the realm definition. */
    public static void writeAll(Path repoRoot) throws IOException {
        JsonNode source = JSON.readTree(source(repoRoot).toFile());
        for (Variant v : Variant.values()) {
            Files.writeString(file(repoRoot, v), render(source, v));
        }
    }
}
