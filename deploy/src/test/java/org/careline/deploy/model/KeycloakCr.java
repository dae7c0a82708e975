package org.careline.deploy.model;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/**
 * Keycloak Operator ({@code k8s.keycloak.org/v2alpha1}) resources: the subset of the CRDs' fields that
 * deploy/k8s uses, as strict records. The realm itself is a Keycloak RealmRepresentation, checked by
 * RealmImportTest against the source realm rather than by a model.
 */
public final class KeycloakCr {

    private KeycloakCr() {
    }

    public record Keycloak(String apiVersion, String kind, ObjectMeta metadata, KeycloakSpec spec) {
    }

    public record KeycloakSpec(int instances, Db db, Http http, Hostname hostname, Proxy proxy, Ingress ingress,
            NetworkPolicy networkPolicy, List<Option> additionalOptions, ResourceRequirements resources) {
    }

    public record NetworkPolicy(Boolean enabled) {
    }

    public record Db(String vendor, String host, Integer port, String database, Cnpg.KeyRef usernameSecret,
            Cnpg.KeyRef passwordSecret) {
    }

    public record Http(Boolean httpEnabled, Integer httpPort, String tlsSecret) {
    }

    public record Hostname(String hostname, Boolean backchannelDynamic) {
    }

    public record Proxy(String headers) {
    }

    public record Ingress(Boolean enabled) {
    }

    public record Option(String name, String value) {
    }

    public record RealmImport(String apiVersion, String kind, ObjectMeta metadata, RealmImportSpec spec) {
    }

    public record RealmImportSpec(String keycloakCRName, Map<String, Placeholder> placeholders, JsonNode realm) {
    }

    public record Placeholder(Cnpg.KeyRef secret) {
    }
}
