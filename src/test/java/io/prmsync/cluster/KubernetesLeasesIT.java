package io.prmsync.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Leadership on Kubernetes Leases, against the fabric8 mock of the Kubernetes API (CRUD mode) in the test JVM: two
 * packaged nodes as two Running, Ready pods of one namespace, beside another application's pod. The flows spread
 * over both (a node over its share yields a flow's Lease, which leaving the election would not do: the node led
 * again), and a dead pod's flows move to the other.
 */
class KubernetesLeasesIT {

    private static final String NAMESPACE = "prm-sync-test";
    private static final List<String> NODES = List.of("node-1", "node-2");
    private static final int FLOWS = 7;

    @Test
    void flowsSpreadOverThePodsAndADeadPodsFlowsMoveToTheOther() throws Exception {
        KubernetesMockServer kubernetes = new KubernetesMockServer(
                new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        kubernetes.start(InetAddress.getLoopbackAddress(), 0);
        Path logs = ClusterHarness.logDirectory("kubernetes");
        try (KubernetesClient client = kubernetes.createClient();
                ClusterHarness cluster = new ClusterHarness("kubernetes_leases", logs)) {
            for (String node : NODES) {
                client.pods()
                        .inNamespace(NAMESPACE)
                        .resource(readyPod(node, "prm-sync"))
                        .create();
            }
            // Another application's pod in the namespace: no node, as the shipped cluster-labels say.
            client.pods()
                    .inNamespace(NAMESPACE)
                    .resource(readyPod("postgres-0", "postgres"))
                    .create();
            for (String node : NODES) {
                cluster.start(node, jvmOptions(kubernetes), arguments(node));
            }
            for (String node : NODES) {
                cluster.node(node).awaitHealthy(Duration.ofSeconds(90));
            }

            Map<String, String> spread =
                    cluster.await(Duration.ofSeconds(120), "the flows to spread over both pods", () -> {
                        Map<String, String> leaders = cluster.leaders();
                        Map<String, Long> perNode = leaders.values().stream()
                                .collect(Collectors.groupingBy(node -> node, Collectors.counting()));
                        // Seven flows over two nodes: a share is four.
                        return leaders.size() == FLOWS
                                        && perNode.keySet().equals(Set.copyOf(NODES))
                                        && perNode.values().stream().allMatch(n -> n <= 4)
                                ? leaders
                                : null;
                    });
            System.out.println("Kubernetes leases: leaders " + spread);
            String stepsBack =
                    Files.readString(logs.resolve("node-1.log")) + Files.readString(logs.resolve("node-2.log"));
            assertThat(stepsBack)
                    .as("the database pod is no node: the nodes count two of them when they share out the flows")
                    .contains("(2 nodes take part, a share is 4)")
                    .doesNotContain("3 nodes take part");

            // The pod dies: Kubernetes takes it out of the ready pods; the survivor takes its Leases over.
            cluster.node("node-1").kill();
            client.pods().inNamespace(NAMESPACE).withName("node-1").delete();
            Instant killed = Instant.now();
            Map<String, String> takenOver = cluster.await(Duration.ofSeconds(90), "node-2 to lead every flow", () -> {
                Map<String, String> leaders = cluster.leaders();
                return leaders.size() == FLOWS && Set.copyOf(leaders.values()).equals(Set.of("node-2"))
                        ? leaders
                        : null;
            });
            System.out.println("Kubernetes leases: node-2 led all " + takenOver.size() + " flows "
                    + Duration.between(killed, Instant.now()).toMillis() + " ms after node-1 died");
            assertThat(takenOver).hasSize(FLOWS);
        } finally {
            kubernetes.destroy();
        }
    }

    /** Where the nodes find the API: Camel 4.17's starter drops camel.cluster.kubernetes.master-url. */
    private static List<String> jvmOptions(KubernetesMockServer kubernetes) {
        return List.of(
                "-Dkubernetes.master=" + kubernetes.url("/"),
                "-Dkubernetes.namespace=" + NAMESPACE,
                "-Dkubernetes.auth.tryKubeConfig=false",
                "-Dkubernetes.auth.tryServiceAccount=false");
    }

    private static List<String> arguments(String node) {
        List<String> arguments = new ArrayList<>(List.of(
                "--camel.cluster.kubernetes.enabled=true",
                "--camel.cluster.kubernetes.pod-name=" + node,
                "--camel.cluster.kubernetes.kubernetes-namespace=" + NAMESPACE,
                // Short leases, so a hand-over takes seconds: renew > jitter x retry, lease > renew.
                "--camel.cluster.kubernetes.lease-duration-millis=4000",
                "--camel.cluster.kubernetes.renew-deadline-millis=3000",
                "--camel.cluster.kubernetes.retry-period-millis=500",
                "--prm-sync.cluster.rebalance-every=PT2S",
                "--prm-sync.schedule.first-run-delay=3600000"));
        return arguments;
    }

    private static Pod readyPod(String name, String app) {
        return new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NAMESPACE)
                .addToLabels("app.kubernetes.io/name", app)
                .endMetadata()
                .withNewStatus()
                .withPhase("Running")
                .addNewCondition()
                .withType("Ready")
                .withStatus("True")
                .endCondition()
                .endStatus()
                .build();
    }
}
