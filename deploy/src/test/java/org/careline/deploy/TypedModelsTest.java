package org.careline.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.careline.deploy.model.TypedModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.api.model.apps.Deployment;

/** Every rendered document parses into its typed model, and a misspelt or unknown field fails. */
class TypedModelsTest {

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyDocumentOfTheOverlayParsesIntoATypedModelWithNoUnknownField(String overlay) {
        List<String> failures = new ArrayList<>();
        for (ObjectNode doc : Repo.rendered(overlay)) {
            try {
                TypedModels.parse(doc);
            } catch (IllegalArgumentException e) {
                failures.add(e.getMessage());
            }
        }
        assertEquals(List.of(), failures);
        assertTrue(Repo.rendered(overlay).size() > 50, "the overlay renders the whole platform");
    }

    @Test
    void aMisspeltFieldFailsInFabric8StrimziAndOperatorModels() {
        ObjectNode deployment = Repo.one("prod", "Deployment", "triage-service").deepCopy();
        ObjectNode container = (ObjectNode) deployment.at("/spec/template/spec/containers/0");
        container.set("livenesProbe", container.remove("livenessProbe"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TypedModels.parse(deployment));
        assertTrue(e.getMessage().contains("livenesProbe"), e.getMessage());

        ObjectNode user = Repo.one("prod", "KafkaUser", "billing-service").deepCopy();
        ((ObjectNode) user.at("/spec/authorization/acls/0/resource")).put("patern", "prefix");
        assertThrows(IllegalArgumentException.class, () -> TypedModels.parse(user));

        ObjectNode cluster = Repo.one("prod", "Cluster", "careline-db").deepCopy();
        ((ObjectNode) cluster.at("/spec")).put("instance", 3);
        assertThrows(IllegalArgumentException.class, () -> TypedModels.parse(cluster));

        ObjectNode keycloak = Repo.one("prod", "Keycloak", "careline-keycloak").deepCopy();
        ((ObjectNode) keycloak.at("/spec/db")).put("pasword", "x");
        assertThrows(IllegalArgumentException.class, () -> TypedModels.parse(keycloak));
    }

    @Test
    void anUnknownKindFails() {
        ObjectNode doc = Repo.one("prod", "Deployment", "gateway").deepCopy();
        doc.put("kind", "Deploymnet");
        assertThrows(IllegalArgumentException.class, () -> TypedModels.parse(doc));
    }

    @Test
    void theTypedModelCarriesTheManifestsValues() {
        Deployment d = TypedModels.parse(Repo.one("prod", "Deployment", "gateway"), Deployment.class);
        assertEquals("/q/health/live", d.getSpec().getTemplate().getSpec().getContainers().get(0).getLivenessProbe()
                .getHttpGet().getPath());
    }
}
