package org.careline.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.careline.deploy.RealmImports.Variant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The realm imports are made from the local stack's realm, the one source of truth: the committed files are
 * exactly what {@link RealmImports} makes, prod has no demo user, no password grant and no secret value.
 * {@code -Dcareline.regenerate=true} rewrites the files first.
 */
class RealmImportTest {

    static JsonNode source;

    @BeforeAll
    static void load() throws IOException {
        if (Boolean.getBoolean("careline.regenerate")) {
            RealmImports.writeAll(Repo.ROOT);
        }
        source = new ObjectMapper().readTree(RealmImports.source(Repo.ROOT).toFile());
    }

    @Test
    void committedImportsAreExactlyTheGeneratedOnes() throws IOException {
        for (Variant v : Variant.values()) {
            assertEquals(RealmImports.render(source, v), Files.readString(RealmImports.file(Repo.ROOT, v)),
                    v + " realm import is stale: regenerate with -Dcareline.regenerate=true (see RealmImports)");
        }
    }

    @Test
    void prodRealmHasNoDemoUserNoPasswordGrantAndNoSecretValue() {
        JsonNode realm = Repo.one("prod", "KeycloakRealmImport", "careline-realm").at("/spec/realm");
        assertTrue(source.path("users").size() > 1, "the source realm has demo users to remove");
        for (JsonNode user : realm.path("users")) {
            assertTrue(user.path("username").asText().startsWith(RealmImports.SERVICE_ACCOUNT_PREFIX), user.toString());
            assertFalse(user.has("credentials"), user.toString());
        }
        for (JsonNode client : realm.path("clients")) {
            assertFalse(client.path("directAccessGrantsEnabled").asBoolean(), client.path("clientId").asText());
            if (client.has("secret")) {
                assertTrue(client.get("secret").asText().matches("\\$\\{[A-Z0-9_]+}"), client.path("clientId").asText());
            }
            client.path("redirectUris").forEach(u -> assertFalse(u.asText().contains("127.0.0.1")
                    || u.asText().contains("localhost"), u.asText()));
        }
        assertFalse(realm.path("displayName").asText().contains("demo"));
        assertFalse(realm.toString().contains(source.at("/clients/1/secret").asText("never-empty")),
                "a client secret value of the local realm reached prod");
    }

    @Test
    void everyRealmSettingOtherThanUsersAndClientsIsTheSourcesInBothOverlays() {
        for (String overlay : Repo.OVERLAYS) {
            JsonNode realm = Repo.one(overlay, "KeycloakRealmImport", "careline-realm").at("/spec/realm");
            List<String> fields = new ArrayList<>();
            source.fieldNames().forEachRemaining(fields::add);
            for (String f : fields) {
                if (!List.of("users", "clients", "displayName").contains(f)) {
                    assertEquals(source.get(f), realm.get(f), overlay + ": realm field " + f);
                }
            }
            assertEquals(source.path("clients").size(), realm.path("clients").size());
            for (int i = 0; i < source.path("clients").size(); i++) {
                com.fasterxml.jackson.databind.node.ObjectNode expected = source.path("clients").get(i).deepCopy();
                com.fasterxml.jackson.databind.node.ObjectNode actual = realm.path("clients").get(i).deepCopy();
                for (String changed : List.of("secret", "directAccessGrantsEnabled", "redirectUris")) {
                    expected.remove(changed);
                    actual.remove(changed);
                }
                assertEquals(expected, actual, overlay + ": client " + expected.path("clientId").asText());
            }
        }
        assertEquals(source.path("users"), Repo.one("dev", "KeycloakRealmImport", "careline-realm").at("/spec/realm/users"));
        assertEquals(source.path("users").size(),
                Repo.one("dev", "KeycloakRealmImport", "careline-realm").at("/spec/realm/users").size(),
                "dev keeps the demo users");
    }

    @Test
    void everyPlaceholderIsFilledFromTheRealmParametersSecret() {
        for (String overlay : Repo.OVERLAYS) {
            JsonNode spec = Repo.one(overlay, "KeycloakRealmImport", "careline-realm").path("spec");
            assertEquals(RealmImports.KEYCLOAK_CR, spec.path("keycloakCRName").asText());
            String realm = spec.path("realm").toString();
            var m = java.util.regex.Pattern.compile("\\$\\{([A-Z0-9_]+)}").matcher(realm);
            int found = 0;
            while (m.find()) {
                found++;
                assertEquals(RealmImports.PARAMS_SECRET, spec.at("/placeholders/" + m.group(1) + "/secret/name").asText(),
                        overlay + ": placeholder " + m.group(1));
            }
            assertTrue(found > 0, overlay + ": the client secret is a placeholder");
        }
    }
}
