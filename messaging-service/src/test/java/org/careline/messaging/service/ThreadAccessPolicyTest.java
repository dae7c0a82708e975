package org.careline.messaging.service;

import org.careline.events.MessageTopic;
import org.careline.messaging.MessageThread;
import org.careline.messaging.ProxyScope;
import org.careline.messaging.config.MessagingConfig;
import org.careline.platform.problem.ProblemException;
import org.careline.platform.security.Caller;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The visibility rules without a server: how each kind of caller reaches a thread, if at all. */
class ThreadAccessPolicyTest {

    private final ThreadAccessPolicy policy = new ThreadAccessPolicy(new Defaults());
    private final MessageThread thread = thread("P-1001", "family-medicine", null);

    @Test
    void aPatientReachesOnlyTheirOwn() {
        assertEquals(Optional.of(Reach.PATIENT), policy.reach(scope(patient("P-1001")), thread));
        assertEquals(Optional.empty(), policy.reach(scope(patient("P-1002")), thread));
    }

    @Test
    void aCaregiverReachesThroughTheirGrantsScope() {
        Caller caregiver = caller("cg", Set.of("caregiver"), null, Set.of());
        assertEquals(Optional.of(Reach.PROXY_READ),
                policy.reach(new CallerScope(caregiver, Map.of("P-1001", ProxyScope.READ), Set.of()), thread));
        assertEquals(Optional.of(Reach.PROXY_WRITE),
                policy.reach(new CallerScope(caregiver, Map.of("P-1001", ProxyScope.READ_WRITE), Set.of()), thread));
        assertEquals(Optional.empty(), policy.reach(scope(caregiver), thread));
    }

    @Test
    void careTeamMembersReachTheirTeamsAndWhatIsAddressedToThem() {
        Caller lee = caller("dr.lee", Set.of("clinician"), null, Set.of("/care-teams/family-medicine/physicians"));
        Caller shah = caller("dr.shah", Set.of("clinician"), null, Set.of("/care-teams/cardiology/physicians"));
        assertEquals(Optional.of(Reach.CARE_TEAM), policy.reach(scope(lee), thread));
        assertEquals(Optional.empty(), policy.reach(scope(shah), thread));
        assertEquals(Optional.of(Reach.ADDRESSED), policy.reach(scope(shah), thread("P-1001", "family-medicine", "dr.shah")));
        assertEquals(Optional.of(Reach.BREAK_GLASS),
                policy.reach(new CallerScope(shah, Map.of(), Set.of("P-1001")), thread));
    }

    @Test
    void breakGlassIsReadOnlyAndAuditedAsEmergencyTreatment() {
        Caller shah = caller("dr.shah", Set.of("clinician"), null, Set.of("/care-teams/cardiology/physicians"));
        assertEquals(false, Reach.BREAK_GLASS.mayWrite());
        assertEquals("ETREAT", policy.auditedAs(shah, Reach.BREAK_GLASS).purposeOfUse());
        assertEquals("TREAT", policy.auditedAs(shah, Reach.CARE_TEAM).purposeOfUse());
    }

    @Test
    void billingAuditorsAndAdminsUseNoThreads() {
        for (String role : new String[]{"billing", "auditor", "admin"}) {
            Caller caller = caller("u-" + role, Set.of(role), null, Set.of());
            assertEquals(false, policy.usesThreads(caller), role);
            assertEquals(Optional.empty(), policy.reach(scope(caller), thread), role);
        }
    }

    @Test
    void aCaregiverWithAReadOnlyGrantCannotOpenAThread() {
        Caller caregiver = caller("cg", Set.of("caregiver"), null, Set.of());
        NewThread request = new NewThread("s", "b", MessageTopic.OTHER, "P-1001", null, null);
        Denied denied = assertThrows(Denied.class, () -> policy.authorship(
                new CallerScope(caregiver, Map.of("P-1001", ProxyScope.READ), Set.of()), request));
        assertEquals(403, denied.problem().status());
        assertEquals("P-1001", policy.authorship(new CallerScope(caregiver, Map.of("P-1001", ProxyScope.READ_WRITE),
                Set.of()), request).patientId());
        assertThrows(ProblemException.class, () -> policy.authorship(scope(caregiver),
                new NewThread("s", "b", MessageTopic.OTHER, null, null, null)));
    }

    private static CallerScope scope(Caller caller) {
        return new CallerScope(caller, Map.of(), Set.of());
    }

    private static Caller patient(String patientId) {
        return caller("patient-" + patientId, Set.of("patient"), patientId, Set.of());
    }

    private static Caller caller(String username, Set<String> roles, String patientId, Set<String> groups) {
        return new Caller("sub-" + username, username, roles, patientId, null, null, groups, "careline-web",
                "127.0.0.1", "req-1");
    }

    private static MessageThread thread(String patientId, String careTeam, String addressedTo) {
        MessageThread thread = new MessageThread();
        thread.id = UUID.randomUUID();
        thread.patientId = patientId;
        thread.careTeam = careTeam;
        thread.addressedTo = addressedTo;
        return thread;
    }

    /** The configuration defaults. */
    private static final class Defaults implements MessagingConfig {
        public String defaultCareTeam() {
            return "family-medicine";
        }

        public Duration inactivityPeriod() {
            return Duration.ofDays(30);
        }

        public String closeCheckEvery() {
            return "1h";
        }

        public String closeCheckDelay() {
            return "1m";
        }

        public int closeBatchSize() {
            return 100;
        }

        public int defaultPageSize() {
            return 50;
        }

        public int fhirMaxThreads() {
            return 100;
        }
    }
}
