package org.careline.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.careline.deploy.model.KeycloakCr;
import org.careline.deploy.model.TypedModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;

/**
 * Default deny; from outside only the gateway (and Keycloak's realm endpoints) through TLS; services accept the
 * gateway and Prometheus only, and reach only PostgreSQL, Kafka, Keycloak and DNS. Checked by evaluating the
 * policies' selectors against each Deployment's pod labels.
 */
class NetworkPoliciesTest {

    static final String INGRESS_NAMESPACE = "ingress-nginx";

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everythingIsDeniedUnlessAllowed(String overlay) {
        NetworkPolicy deny = policy(overlay, "default-deny-all");
        assertTrue(deny.getSpec().getPodSelector().getMatchLabels() == null
                || deny.getSpec().getPodSelector().getMatchLabels().isEmpty());
        assertEquals(Set.of("Ingress", "Egress"), Set.copyOf(deny.getSpec().getPolicyTypes()));
        assertTrue(deny.getSpec().getIngress().isEmpty() && deny.getSpec().getEgress().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void onlyTheGatewayAcceptsTrafficFromOutsideTheNamespace(String overlay) {
        for (Deployment d : DeploymentsTest.deployments(overlay)) {
            Map<String, String> labels = d.getSpec().getTemplate().getMetadata().getLabels();
            List<NetworkPolicyPeer> peers = policies(overlay).stream().filter(p -> selects(p.getSpec().getPodSelector(), labels))
                    .flatMap(p -> p.getSpec().getIngress().stream()).flatMap(r -> r.getFrom().stream()).toList();
            assertFalse(peers.isEmpty(), d.getMetadata().getName() + " is reachable by someone");
            for (NetworkPolicyPeer peer : peers) {
                assertTrue(peer.getIpBlock() == null, "no address ranges");
                boolean fromIngress = peer.getNamespaceSelector() != null && INGRESS_NAMESPACE.equals(
                        peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name"));
                boolean fromPrometheus = peer.getNamespaceSelector() != null && peer.getPodSelector() != null
                        && "prometheus".equals(peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/name"));
                boolean fromGateway = peer.getNamespaceSelector() == null && peer.getPodSelector() != null
                        && "gateway".equals(peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/name"));
                String name = d.getMetadata().getName();
                if (name.equals("gateway")) {
                    assertTrue(fromIngress || fromPrometheus, "gateway: " + peer);
                } else {
                    assertTrue(fromGateway || fromPrometheus, name + " accepts the gateway and Prometheus only: " + peer);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void servicesReachOnlyTheirDatabaseKafkaKeycloakAndDns(String overlay) {
        for (Deployment d : DeploymentsTest.deployments(overlay)) {
            if (d.getMetadata().getName().equals("gateway")) {
                continue;
            }
            Map<String, String> labels = d.getSpec().getTemplate().getMetadata().getLabels();
            List<NetworkPolicyPeer> peers = policies(overlay).stream().filter(p -> selects(p.getSpec().getPodSelector(), labels))
                    .flatMap(p -> p.getSpec().getEgress().stream())
                    .peek(r -> assertFalse(r.getTo().isEmpty(), "egress to anywhere from " + d.getMetadata().getName()))
                    .flatMap(r -> r.getTo().stream()).toList();
            Set<String> targets = peers.stream().map(NetworkPoliciesTest::describe).collect(Collectors.toSet());
            assertEquals(Set.of("cnpg.io/cluster=careline-db", "strimzi.io/cluster=careline,strimzi.io/kind=Kafka",
                    "app=keycloak", "kube-system:k8s-app=kube-dns"), targets, d.getMetadata().getName());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void theIngressServesTheGatewayOverTlsAndKeycloakOnlyItsRealmEndpoints(String overlay) {
        List<Ingress> ingresses = Repo.ofKind(overlay, "Ingress").map(d -> TypedModels.parse(d, Ingress.class)).toList();
        assertEquals(2, ingresses.size());
        for (Ingress ing : ingresses) {
            Set<String> tlsHosts = ing.getSpec().getTls().stream().flatMap(t -> t.getHosts().stream()).collect(Collectors.toSet());
            ing.getSpec().getTls().forEach(t -> assertFalse(t.getSecretName().isBlank()));
            ing.getSpec().getRules().forEach(r -> assertTrue(tlsHosts.contains(r.getHost()), r.getHost() + " has TLS"));
            for (HTTPIngressPath p : ing.getSpec().getRules().stream().flatMap(r -> r.getHttp().getPaths().stream()).toList()) {
                String backend = p.getBackend().getService().getName();
                if (backend.equals("gateway")) {
                    assertTrue(Set.of("/api", "/openapi").contains(p.getPath()), p.getPath());
                } else {
                    assertEquals("careline-keycloak-service", backend);
                    assertTrue(Set.of("/realms", "/resources").contains(p.getPath()), "no admin console: " + p.getPath());
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void theDatabaseAcceptsOnlyTheServicesKeycloakItsOwnInstancesAndItsOperator(String overlay) {
        Set<String> peers = policy(overlay, "careline-db").getSpec().getIngress().stream()
                .flatMap(r -> r.getFrom().stream()).map(NetworkPoliciesTest::describe).collect(Collectors.toSet());
        assertEquals(Set.of("careline.org/tier=service", "app=keycloak", "app=keycloak-realm-import",
                "cnpg.io/cluster=careline-db", "cnpg-system:*"), peers);
    }

    @Test
    void keycloakIsGovernedByOurPolicyNotTheOperatorsOpenOneAndHasNoOperatorIngress() {
        KeycloakCr.Keycloak kc = TypedModels.parse(Repo.one("prod", "Keycloak", "careline-keycloak"), KeycloakCr.Keycloak.class);
        assertEquals(Boolean.FALSE, kc.spec().networkPolicy().enabled());
        assertEquals(Boolean.FALSE, kc.spec().ingress().enabled());
        policy("prod", "keycloak");
    }

    @Test
    void kafkaListenerAdmitsOnlyTheServices() {
        var peers = Repo.one("prod", "Kafka", "careline").at("/spec/kafka/listeners/0/networkPolicyPeers");
        assertEquals(1, peers.size());
        assertEquals("service", peers.at("/0/podSelector/matchLabels/careline.org~1tier").asText());
    }

    private static String describe(NetworkPolicyPeer peer) {
        String pods = peer.getPodSelector() == null ? "*" : peer.getPodSelector().getMatchLabels().entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
        if (peer.getNamespaceSelector() != null) {
            return peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name") + ":" + pods;
        }
        return peer.getIpBlock() != null ? "ipBlock " + peer.getIpBlock().getCidr() : pods;
    }

    private static boolean selects(LabelSelector selector, Map<String, String> labels) {
        assertTrue(selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty(),
                "these checks evaluate matchLabels only");
        return selector.getMatchLabels() == null || labels.entrySet().containsAll(selector.getMatchLabels().entrySet());
    }

    private static List<NetworkPolicy> policies(String overlay) {
        return Repo.ofKind(overlay, "NetworkPolicy").map(d -> TypedModels.parse(d, NetworkPolicy.class)).toList();
    }

    private static NetworkPolicy policy(String overlay, String name) {
        return TypedModels.parse(Repo.one(overlay, "NetworkPolicy", name), NetworkPolicy.class);
    }
}
