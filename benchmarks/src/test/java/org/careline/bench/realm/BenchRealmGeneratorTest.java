package org.careline.bench.realm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.careline.bench.BenchUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchRealmGeneratorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DEMO = Path.of("../deploy/keycloak/careline-realm.json");

    @Test
    void keepsTheDemoRealmsSettingsButNoneOfItsUsers() throws Exception {
        JsonNode demo = JSON.readTree(DEMO.toFile());
        ObjectNode bench = BenchRealmGenerator.generate(demo, 6, 4);

        // the services accept only the issuer .../realms/careline
        assertEquals("careline", bench.path("realm").asText());
        assertEquals(demo.path("clients"), bench.path("clients"), "clients and their mappers unchanged");
        assertEquals(demo.path("roles"), bench.path("roles"));
        assertEquals(demo.path("groups"), bench.path("groups"));
        assertEquals(demo.path("clientScopes"), bench.path("clientScopes"));
        assertEquals(demo.path("components"), bench.path("components"), "user profile unchanged");

        Set<String> demoUsers = new HashSet<>();
        demo.path("users").forEach(u -> demoUsers.add(u.path("username").asText()));
        bench.path("users").forEach(u -> {
            assertFalse(demoUsers.contains(u.path("username").asText()));
            assertTrue(u.path("username").asText().startsWith("bench-"));
        });
        assertEquals(6 + 4 + 2, bench.path("users").size());
        assertFalse(bench.path("bruteForceProtected").asBoolean());
        // the demo realm itself is not modified
        assertTrue(demo.path("users").size() > 0);
    }

    @Test
    void everyCareTeamGetsPatientsAndPhysicians(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("realm.json");
        BenchRealmGenerator.main(new String[] {DEMO.toString(), out.toString(), "5", "3"});
        List<String> teams = BenchRealmGenerator.careTeams(JSON.readTree(DEMO.toFile()));
        assertEquals(List.of("family-medicine", "cardiology"), teams);

        BenchUsers users = BenchUsers.read(out, 100, 100);
        assertEquals(5, users.patients().size());
        assertEquals(3, users.clinicians().size());
        assertEquals(new BenchUsers.Patient("bench-patient-0001", "BP-0001", "family-medicine"), users.patients().get(0));
        assertEquals(new BenchUsers.Patient("bench-patient-0002", "BP-0002", "cardiology"), users.patients().get(1));
        assertEquals("cardiology", users.clinicians().get(1).careTeam());
        assertEquals("bench-clinician-002", users.clinicianOf("cardiology").username());
        assertEquals("bench-auditor", users.auditor());
        assertEquals("bench-biller", users.biller());
        assertTrue(Files.readString(out).contains("\"/care-teams/cardiology/physicians\""));
    }

    @Test
    void refusesTooFewClinicians() throws Exception {
        JsonNode demo = JSON.readTree(DEMO.toFile());
        assertThrows(IllegalArgumentException.class, () -> BenchRealmGenerator.generate(demo, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> BenchRealmGenerator.generate(demo, 0, 2));
    }
}
