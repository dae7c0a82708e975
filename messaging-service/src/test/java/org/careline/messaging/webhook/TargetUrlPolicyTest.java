package org.careline.messaging.webhook;

import org.careline.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TargetUrlPolicyTest {

    private final TargetUrlPolicy production = new TargetUrlPolicy(false);
    private final TargetUrlPolicy development = new TargetUrlPolicy(true);

    @Test
    void productionTakesHttpsToPublicHosts() {
        assertEquals("ehr.example.org", production.check("https://ehr.example.org/careline/hooks?x=1").getHost());
        assertEquals("8.8.8.8", production.check("https://8.8.8.8:8443/hooks").getHost());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://ehr.example.org/hooks", "https://127.0.0.1/hooks", "http://127.0.0.1:8080/hooks",
            "https://localhost/hooks", "https://10.1.2.3/hooks", "https://192.168.0.10/hooks", "https://172.16.5.4/x",
            "https://169.254.169.254/latest/meta-data", "https://100.64.0.1/x", "https://0.0.0.0/x", "https://[::1]/x",
            "https://[fd00::1]/x", "https://[fe80::1]/x", "https://[::ffff:10.0.0.1]/x", "https://metadata/x",
            "https://db.internal/x", "https://api.svc.cluster.local/x", "https://printer.local/x",
            "https://user:pass@ehr.example.org/x", "https://ehr.example.org/x#frag", "ftp://ehr.example.org/x",
            "/relative/path", "https://", "not a url at all", "file:///etc/passwd"})
    void productionRefusesEverythingElseWith422(String url) {
        ProblemException refused = assertThrows(ProblemException.class, () -> production.check(url));
        assertEquals(422, refused.status());
        assertEquals("target-url-not-allowed", refused.slug());
        assertFalse(refused.getMessage().contains(url), "the problem must not echo the URL");
    }

    @Test
    void developmentAlsoTakesPlainLoopbackButNothingElsePrivate() {
        assertEquals(18080, development.check("http://127.0.0.1:18080/hooks").getPort());
        assertEquals("localhost", development.check("http://localhost:18080/hooks").getHost());
        assertThrows(ProblemException.class, () -> development.check("http://10.0.0.1/hooks"));
        assertThrows(ProblemException.class, () -> development.check("http://ehr.example.org/hooks"));
    }

    @Test
    void resolvedAddressesArePublicOrTheAllowedLoopback() throws Exception {
        assertTrue(production.publicAddress("ehr.example.org", InetAddress.getByName("93.184.216.34")));
        assertFalse(production.publicAddress("ehr.example.org", InetAddress.getByName("10.0.0.7")));
        assertFalse(production.publicAddress("ehr.example.org", InetAddress.getByName("127.0.0.1")));
        assertTrue(development.publicAddress("127.0.0.1", InetAddress.getByName("127.0.0.1")));
        assertFalse(development.publicAddress("localhost", InetAddress.getByName("10.0.0.7")));
    }
}
