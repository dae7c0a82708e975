package org.careline.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.careline.deploy.model.TypedModels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/** Every Deployment: health probes, resources, a locked-down non-root pod, and its ServiceAccount, HPA and PDB. */
class DeploymentsTest {

    static final Set<String> SERVICES = Set.of("gateway", "messaging-service", "triage-service", "billing-service",
            "audit-service");

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyServiceHasADeployment(String overlay) {
        assertEquals(SERVICES, deployments(overlay).stream().map(d -> d.getMetadata().getName()).collect(Collectors.toSet()));
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void theAuditServiceSignsCheckpointsWithASecretKeyAndExportsThemToAPersistentVolume(String overlay) {
        Deployment audit = deployments(overlay).stream().filter(d -> d.getMetadata().getName().equals("audit-service"))
                .findFirst().orElseThrow();
        PodSpec pod = audit.getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().get(0);
        for (String variable : List.of("CARELINE_AUDIT_CHECKPOINT_KEY_ID", "CARELINE_AUDIT_CHECKPOINT_KEY")) {
            assertEquals("careline-audit-checkpoint-key", container.getEnv().stream()
                    .filter(e -> e.getName().equals(variable)).findFirst().orElseThrow()
                    .getValueFrom().getSecretKeyRef().getName(), variable);
        }
        String mountPath = container.getVolumeMounts().stream().filter(m -> m.getName().equals("checkpoints"))
                .findFirst().orElseThrow().getMountPath();
        assertEquals("audit-checkpoints", pod.getVolumes().stream().filter(v -> v.getName().equals("checkpoints"))
                .findFirst().orElseThrow().getPersistentVolumeClaim().getClaimName());
        assertEquals(mountPath, Repo.one(overlay, "ConfigMap", "audit-service-config").get("data")
                .get("CARELINE_AUDIT_CHECKPOINT_EXPORT_DIR").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyContainerHasHealthProbesAndResources(String overlay) {
        for (Deployment d : deployments(overlay)) {
            for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
                String where = overlay + " " + d.getMetadata().getName();
                assertProbe(c.getStartupProbe(), "/q/health/started", where);
                assertProbe(c.getLivenessProbe(), "/q/health/live", where);
                assertProbe(c.getReadinessProbe(), "/q/health/ready", where);
                for (String r : List.of("cpu", "memory")) {
                    assertNotNull(c.getResources().getRequests().get(r), where + " requests " + r);
                    assertNotNull(c.getResources().getLimits().get(r), where + " limits " + r);
                }
                assertFalse(c.getImage().endsWith(":latest") || !c.getImage().contains(":"), where + " pinned image");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyPodRunsNonRootReadOnlyWithoutCapabilitiesOrAToken(String overlay) {
        for (Deployment d : deployments(overlay)) {
            String where = overlay + " " + d.getMetadata().getName();
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            PodSecurityContext psc = pod.getSecurityContext();
            assertEquals(Boolean.TRUE, psc.getRunAsNonRoot(), where);
            assertTrue(psc.getRunAsUser() != null && psc.getRunAsUser() > 0, where);
            assertEquals("RuntimeDefault", psc.getSeccompProfile().getType(), where);
            assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken(), where);
            ServiceAccount sa = TypedModels.parse(Repo.one(overlay, "ServiceAccount", pod.getServiceAccountName()),
                    ServiceAccount.class);
            assertEquals(Boolean.FALSE, sa.getAutomountServiceAccountToken(), where);
            Volume tmp = pod.getVolumes().stream().filter(v -> v.getEmptyDir() != null).findFirst().orElseThrow();
            for (Container c : pod.getContainers()) {
                SecurityContext sc = c.getSecurityContext();
                assertEquals(Boolean.TRUE, sc.getReadOnlyRootFilesystem(), where);
                assertEquals(Boolean.FALSE, sc.getAllowPrivilegeEscalation(), where);
                assertEquals(List.of("ALL"), sc.getCapabilities().getDrop(), where);
                assertTrue(sc.getCapabilities().getAdd() == null || sc.getCapabilities().getAdd().isEmpty(), where);
                assertTrue(sc.getPrivileged() == null || !sc.getPrivileged(), where);
                assertTrue(c.getVolumeMounts().stream().anyMatch(m -> m.getName().equals(tmp.getName())
                        && m.getMountPath().equals("/tmp")), where + " writable /tmp");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyDeploymentHasAServiceAnAutoscalerAndADisruptionBudget(String overlay) {
        for (Deployment d : deployments(overlay)) {
            String name = d.getMetadata().getName();
            Repo.one(overlay, "Service", name);
            HorizontalPodAutoscaler hpa = TypedModels.parse(Repo.one(overlay, "HorizontalPodAutoscaler", name),
                    HorizontalPodAutoscaler.class);
            assertEquals(name, hpa.getSpec().getScaleTargetRef().getName());
            assertTrue(hpa.getSpec().getMaxReplicas() > hpa.getSpec().getMinReplicas(), name);
            PodDisruptionBudget pdb = TypedModels.parse(Repo.one(overlay, "PodDisruptionBudget", name),
                    PodDisruptionBudget.class);
            assertEquals(d.getSpec().getSelector().getMatchLabels(), pdb.getSpec().getSelector().getMatchLabels(), name);
            assertEquals(null, d.getSpec().getReplicas(), name + ": the HPA owns the replica count");
            assertEquals("/q/metrics", d.getSpec().getTemplate().getMetadata().getAnnotations().get("prometheus.io/path"));
            if (overlay.equals("prod")) {
                assertTrue(hpa.getSpec().getMinReplicas() >= 2, name + " survives losing a pod");
            }
        }
    }

    private static void assertProbe(Probe probe, String path, String where) {
        assertNotNull(probe, where + " " + path);
        assertEquals(path, probe.getHttpGet().getPath(), where);
    }

    static List<Deployment> deployments(String overlay) {
        return Repo.ofKind(overlay, "Deployment").map(d -> TypedModels.parse(d, Deployment.class)).toList();
    }
}
