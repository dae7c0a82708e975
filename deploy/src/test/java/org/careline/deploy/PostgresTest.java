package org.careline.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.careline.deploy.model.Cnpg;
import org.careline.deploy.model.TypedModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/** One CloudNativePG cluster, a database and role per service, the audit writer role, TLS, scheduled backups. */
class PostgresTest {

    /** The role the audit service writes with; its grants (INSERT and SELECT only) are the audit migrations'. */
    static final String AUDIT_WRITER = "audit_writer";

    @Test
    void prodRunsThreeInstancesAndDevOne() {
        assertEquals(3, cluster("prod").spec().instances());
        assertEquals(1, cluster("dev").spec().instances());
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyServiceWithADatabaseHasItsOwnDatabaseOwnedByItsOwnRole(String overlay) {
        Cnpg.Cluster cluster = cluster(overlay);
        Map<String, String> owners = new HashMap<>();
        owners.put(cluster.spec().bootstrap().initdb().database(), cluster.spec().bootstrap().initdb().owner());
        Repo.ofKind(overlay, "Database").map(d -> TypedModels.parse(d, Cnpg.Database.class)).forEach(db -> {
            assertEquals("careline-db", db.spec().cluster().name());
            owners.put(db.spec().name(), db.spec().owner());
        });
        Set<String> roles = new TreeSet<>();
        roles.add(cluster.spec().bootstrap().initdb().owner());
        cluster.spec().managed().roles().forEach(r -> {
            assertNotNull(r.passwordSecret(), r.name() + " password by reference");
            roles.add(r.name());
        });
        Set<String> owningRoles = new TreeSet<>();
        for (Deployment d : DeploymentsTest.deployments(overlay)) {
            ConfigMap cm = TypedModels.parse(Repo.one(overlay, "ConfigMap", d.getMetadata().getName() + "-config"), ConfigMap.class);
            String url = cm.getData().get("QUARKUS_DATASOURCE_REACTIVE_URL");
            if (url == null) {
                continue;
            }
            String db = url.substring(url.lastIndexOf('/') + 1);
            String owner = owners.get(db);
            assertNotNull(owner, d.getMetadata().getName() + ": database " + db + " exists");
            assertTrue(owningRoles.add(owner), "role " + owner + " owns one service's database only");
            assertEquals("verify-full", cm.getData().get("QUARKUS_DATASOURCE_REACTIVE_POSTGRESQL_SSL_MODE"));
            assertTrue(cm.getData().get("QUARKUS_DATASOURCE_JDBC_URL").contains("sslmode=verify-full"));
        }
        assertEquals(4, owningRoles.size());
        assertTrue(roles.containsAll(owningRoles));
        assertTrue(cluster.spec().postgresql().pgHba().contains("hostnossl all all all reject"), "TLS only");
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void theAuditServiceWritesAsTheInsertOnlyRoleAndMigratesAsTheOwner(String overlay) {
        Cnpg.Role writer = cluster(overlay).spec().managed().roles().stream().filter(r -> r.name().equals(AUDIT_WRITER))
                .findFirst().orElseThrow();
        assertEquals(Boolean.TRUE, writer.login());
        assertEquals(Boolean.FALSE, writer.inherit());
        Deployment audit = TypedModels.parse(Repo.one(overlay, "Deployment", "audit-service"), Deployment.class);
        Map<String, String> secretOf = new HashMap<>();
        for (EnvVar e : audit.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
            secretOf.put(e.getName(), e.getValueFrom().getSecretKeyRef().getName());
        }
        assertEquals(writer.passwordSecret().name(), secretOf.get("QUARKUS_DATASOURCE_USERNAME"));
        assertEquals(writer.passwordSecret().name(), secretOf.get("QUARKUS_DATASOURCE_PASSWORD"));
        assertEquals("careline-db-audit", secretOf.get("QUARKUS_FLYWAY_USERNAME"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void backupsAreScheduledToObjectStorageWithCredentialsByReference(String overlay) {
        Cnpg.Backup backup = cluster(overlay).spec().backup();
        assertNotNull(backup.retentionPolicy());
        assertTrue(backup.barmanObjectStore().destinationPath().startsWith("s3://"));
        assertNotNull(backup.barmanObjectStore().s3Credentials().accessKeyId().key());
        assertNotNull(backup.barmanObjectStore().s3Credentials().secretAccessKey().key());
        assertEquals("AES256", backup.barmanObjectStore().data().encryption());
        assertEquals("AES256", backup.barmanObjectStore().wal().encryption());
        Cnpg.ScheduledBackup scheduled = TypedModels.parse(Repo.one(overlay, "ScheduledBackup", "careline-db-nightly"),
                Cnpg.ScheduledBackup.class);
        assertEquals("careline-db", scheduled.spec().cluster().name());
        assertEquals(6, scheduled.spec().schedule().split(" ").length, "CloudNativePG cron has a seconds field");
    }

    private static Cnpg.Cluster cluster(String overlay) {
        return TypedModels.parse(Repo.one(overlay, "Cluster", "careline-db"), Cnpg.Cluster.class);
    }
}
