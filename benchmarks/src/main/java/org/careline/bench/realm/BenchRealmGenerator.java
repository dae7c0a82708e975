package org.careline.bench.realm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the benchmark realm: the demo realm's settings, roles, groups, client scopes, clients (with their
 * mappers) and user-profile components, with the demo users replaced by generated load-test users.
 *
 * <p>The realm keeps the name {@code careline} because every service validates the issuer
 * {@code .../realms/careline}; it is only ever imported into a throw-away stack home
 * ({@code CARELINE_KEYCLOAK_REALM=... CARELINE_HOME=/tmp/bench-home ./careline up --clean}), never into
 * the demo stack, and the file lives under {@code target/} (never committed).
 */
public final class BenchRealmGenerator {

    /** Password of every generated user: a load-test realm, local only. */
    public static final String PASSWORD = "bench";
    public static final String AUDITOR = "bench-auditor";
    public static final String BILLER = "bench-biller";

    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchRealmGenerator() {
    }

    public static String patientUsername(int i) {
        return String.format("bench-patient-%04d", i);
    }

    public static String patientId(int i) {
        return String.format("BP-%04d", i);
    }

    public static String clinicianUsername(int i) {
        return String.format("bench-clinician-%03d", i);
    }

    /** The care teams (subgroups of {@code /care-teams} with a {@code physicians} group), in file order. */
    public static List<String> careTeams(JsonNode realm) {
        List<String> teams = new ArrayList<>();
        for (JsonNode group : realm.path("groups")) {
            if (!"care-teams".equals(group.path("name").asText())) {
                continue;
            }
            for (JsonNode team : group.path("subGroups")) {
                for (JsonNode sub : team.path("subGroups")) {
                    if ("physicians".equals(sub.path("name").asText())) {
                        teams.add(team.path("name").asText());
                    }
                }
            }
        }
        return teams;
    }

    /** Patient i (1-based) belongs to team (i-1) mod teams; clinician j likewise: every team has both. */
    public static String teamOf(List<String> teams, int oneBased) {
        return teams.get((oneBased - 1) % teams.size());
    }

    public static ObjectNode generate(JsonNode demoRealm, int patients, int clinicians) {
        if (patients < 1 || clinicians < 1) {
            throw new IllegalArgumentException("need at least one patient and one clinician");
        }
        ObjectNode realm = demoRealm.deepCopy();
        List<String> teams = careTeams(realm);
        if (teams.isEmpty()) {
            throw new IllegalArgumentException("the demo realm has no /care-teams/<team>/physicians group");
        }
        if (clinicians < teams.size()) {
            throw new IllegalArgumentException("need at least one clinician per care team (" + teams.size() + ")");
        }
        realm.put("displayName", "Careline (load-test users only)");
        // many logins from one address in a few seconds must not lock anyone out
        realm.put("bruteForceProtected", false);
        ArrayNode users = realm.putArray("users");
        for (int i = 1; i <= patients; i++) {
            ObjectNode u = user(users, patientUsername(i), "patient");
            ObjectNode attrs = u.putObject("attributes");
            attrs.putArray("patient_id").add(patientId(i));
            attrs.putArray("care_team").add(teamOf(teams, i));
        }
        for (int j = 1; j <= clinicians; j++) {
            ObjectNode u = user(users, clinicianUsername(j), "clinician");
            u.putArray("groups").add("/care-teams/" + teamOf(teams, j) + "/physicians");
            u.putObject("attributes").putArray("credential").add("MD");
        }
        user(users, AUDITOR, "auditor").putArray("groups").add("/compliance");
        user(users, BILLER, "billing").putArray("groups").add("/billing-office");
        return realm;
    }

    private static ObjectNode user(ArrayNode users, String username, String role) {
        ObjectNode u = users.addObject();
        u.put("username", username);
        u.put("enabled", true);
        u.put("email", username + "@bench.careline.invalid");
        u.put("emailVerified", true);
        u.put("firstName", "Bench");
        u.put("lastName", username);
        u.putArray("requiredActions");
        ObjectNode cred = u.putArray("credentials").addObject();
        cred.put("type", "password");
        cred.put("value", PASSWORD);
        cred.put("temporary", false);
        u.putArray("realmRoles").add(role);
        return u;
    }

    /** Arguments: demo realm file, output file, patients, clinicians. */
    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: BenchRealmGenerator <demo-realm.json> <out.json> <patients> <clinicians>");
        }
        JsonNode demo = JSON.readTree(Path.of(args[0]).toFile());
        ObjectNode realm = generate(demo, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
        Path out = Path.of(args[1]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        JSON.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), realm);
        System.out.println("benchmark realm: " + out + " (" + realm.path("users").size() + " load-test users)");
    }
}
