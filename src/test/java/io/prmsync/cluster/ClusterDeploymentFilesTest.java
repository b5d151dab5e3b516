package io.prmsync.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * No Kubernetes cluster or Docker engine runs here, so the cluster deployment files are checked for what the
 * service needs of them: each node named, the coordinator switched on and reachable, the Lease rights, probes on
 * the health groups the service exposes, and no secret value in them.
 */
@SuppressWarnings("unchecked")
class ClusterDeploymentFilesTest {

    @Test
    void theKubernetesDeploymentRunsTwoNamedNodesLedThroughLeasesWithProbesAndLimits() throws IOException {
        Map<String, Object> deployment = document("docker/kubernetes/deployment.yaml", "Deployment");
        Map<String, Object> spec = map(deployment, "spec");
        Map<String, Object> pod = map(map(spec, "template"), "spec");
        Map<String, Object> container = ((List<Map<String, Object>>) pod.get("containers")).get(0);

        assertThat(spec.get("replicas")).isEqualTo(2);
        assertThat(pod.get("serviceAccountName")).isEqualTo("prm-sync");
        assertThat(map(pod, "securityContext").get("runAsNonRoot")).isEqualTo(true);
        Map<String, Map<String, Object>> env = new java.util.HashMap<>();
        ((List<Map<String, Object>>) container.get("env"))
                .forEach(variable -> env.put((String) variable.get("name"), variable));
        assertThat(env.get("CAMEL_CLUSTER_KUBERNETES_ENABLED").get("value")).isEqualTo("true");
        assertThat(map(map(env.get("PRM_SYNC_NODE_ID"), "valueFrom"), "fieldRef")
                        .get("fieldPath"))
                .as("each pod a node named after itself")
                .isEqualTo("metadata.name");
        assertThat(env.get("SPRING_PROFILES_ACTIVE").get("value"))
                .as("not the sandbox, whose org lives inside each node")
                .isNotEqualTo("sandbox");
        assertThat(env).doesNotContainKeys("PRM_SYNC_DB_PASSWORD", "PRM_SYNC_ADMIN_TOKEN");
        assertThat(map(map(container, "readinessProbe"), "httpGet").get("path"))
                .isEqualTo("/actuator/health/readiness");
        assertThat(map(map(container, "livenessProbe"), "httpGet").get("path")).isEqualTo("/actuator/health/liveness");
        assertThat(map(map(container, "resources"), "limits")).containsKeys("cpu", "memory");
        assertThat(Files.readString(Path.of("config/application.yaml")))
                .as("the probe groups the manifests use")
                .contains("probes:\n        enabled: true");
    }

    @Test
    void theServiceAccountMayElectLeadersWithLeasesAndSeeThePods() throws IOException {
        Map<String, Object> role = document("docker/kubernetes/rbac.yaml", "Role");
        List<Map<String, Object>> rules = (List<Map<String, Object>>) role.get("rules");

        assertThat(rules)
                .anySatisfy(rule -> {
                    assertThat((List<String>) rule.get("apiGroups")).contains("coordination.k8s.io");
                    assertThat((List<String>) rule.get("resources")).contains("leases");
                    assertThat((List<String>) rule.get("verbs")).contains("get", "create", "update");
                })
                .anySatisfy(rule -> {
                    assertThat((List<String>) rule.get("resources")).contains("pods");
                    assertThat((List<String>) rule.get("verbs")).contains("list", "watch");
                });
        Map<String, Object> binding = document("docker/kubernetes/rbac.yaml", "RoleBinding");
        assertThat(map(binding, "roleRef").get("name"))
                .isEqualTo(map(role, "metadata").get("name"));
    }

    @Test
    void theComposeClusterProfileRunsTwoDifferentlyNamedNodesOnZooKeeper() throws IOException {
        Map<String, Object> services = map(load("docker/compose.yaml").get(0), "services");
        Map<String, Object> one = map(services, "prm-sync-node-1");
        Map<String, Object> two = map(services, "prm-sync-node-2");

        assertThat((List<String>) map(services, "zookeeper").get("profiles")).containsExactly("cluster");
        for (Map<String, Object> node : List.of(one, two)) {
            assertThat((List<String>) node.get("profiles")).containsExactly("cluster");
            Map<String, Object> env = map(node, "environment");
            assertThat(env.get("CAMEL_CLUSTER_ZOOKEEPER_ENABLED")).isEqualTo("true");
            assertThat(env.get("CAMEL_CLUSTER_ZOOKEEPER_NODES")).isEqualTo("zookeeper:2181");
            assertThat(env.get("SPRING_PROFILES_ACTIVE")).isNotEqualTo("sandbox");
            assertThat(env)
                    .as("the sandbox's allowance for an external store is the demo's, not a real org's")
                    .doesNotContainKey("PRM_SYNC_SANDBOX_ALLOW_EXTERNAL_STORE");
            assertThat(map(node, "depends_on")).containsKeys("db", "zookeeper");
        }
        assertThat(map(one, "environment").get("PRM_SYNC_NODE_ID"))
                .isNotEqualTo(map(two, "environment").get("PRM_SYNC_NODE_ID"));
        assertThat(one.get("ports")).isNotEqualTo(two.get("ports"));
    }

    private static Map<String, Object> document(String file, String kind) throws IOException {
        return load(file).stream()
                .filter(document -> kind.equals(document.get("kind")))
                .findFirst()
                .orElseThrow(() -> new AssertionError(file + " has no " + kind));
    }

    private static List<Map<String, Object>> load(String file) throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(Path.of(file))) {
            new Yaml(new SafeConstructor(new LoaderOptions()))
                    .loadAll(reader)
                    .forEach(document -> documents.add((Map<String, Object>) document));
        }
        return documents;
    }

    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertThat(value).as(key).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }
}
