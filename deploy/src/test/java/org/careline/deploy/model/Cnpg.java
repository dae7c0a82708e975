package org.careline.deploy.model;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/**
 * CloudNativePG ({@code postgresql.cnpg.io/v1}) resources: the subset of the CRDs' fields that deploy/k8s
 * uses, as strict records (an unknown or misspelt field fails parsing). No published Java model exists.
 */
public final class Cnpg {

    private Cnpg() {
    }

    public record Cluster(String apiVersion, String kind, ObjectMeta metadata, ClusterSpec spec) {
    }

    public record ClusterSpec(int instances, String primaryUpdateStrategy, Postgresql postgresql, Bootstrap bootstrap,
            Managed managed, Storage storage, Storage walStorage, ResourceRequirements resources, Affinity affinity,
            Monitoring monitoring, Backup backup) {
    }

    public record Postgresql(Map<String, String> parameters, @JsonProperty("pg_hba") List<String> pgHba) {
    }

    public record Bootstrap(InitDb initdb) {
    }

    public record InitDb(String database, String owner, LocalRef secret) {
    }

    public record Managed(List<Role> roles) {
    }

    public record Role(String name, String ensure, Boolean login, Boolean inherit, LocalRef passwordSecret) {
    }

    public record Storage(String size, String storageClass) {
    }

    public record Affinity(String topologyKey) {
    }

    public record Monitoring(Boolean enablePodMonitor) {
    }

    public record Backup(String retentionPolicy, BarmanObjectStore barmanObjectStore) {
    }

    public record BarmanObjectStore(String destinationPath, String endpointURL, S3Credentials s3Credentials,
            Compression wal, Compression data) {
    }

    public record S3Credentials(KeyRef accessKeyId, KeyRef secretAccessKey) {
    }

    public record Compression(String compression, String encryption) {
    }

    public record Database(String apiVersion, String kind, ObjectMeta metadata, DatabaseSpec spec) {
    }

    public record DatabaseSpec(LocalRef cluster, String name, String owner) {
    }

    public record ScheduledBackup(String apiVersion, String kind, ObjectMeta metadata, ScheduledBackupSpec spec) {
    }

    public record ScheduledBackupSpec(String schedule, String backupOwnerReference, Boolean immediate, String method,
            LocalRef cluster) {
    }

    public record LocalRef(String name) {
    }

    public record KeyRef(String name, String key) {
    }
}
