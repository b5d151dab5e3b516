package io.prmsync.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The compose monitoring profile fits together (no Docker engine runs here, so the files are read): Prometheus
 * scrapes the service's metrics path with the admin token it is given, loads the shipped alert rules; Grafana gets
 * the data source the dashboard names and the dashboard where its provider looks. And no service of a profile
 * requires a variable, which would stop a plain {@code up} (compose interpolates every service first).
 */
class MonitoringComposeTest {

    private static final Path DOCKER = Path.of("docker");

    @Test
    void prometheusScrapesTheServiceWithTheTokenAndLoadsTheAlertRules() throws IOException {
        Map<String, Object> compose = yaml(DOCKER.resolve("compose.yaml"));
        Map<String, Object> prometheus = service(compose, "prometheus");
        assertThat(list(prometheus, "profiles")).containsExactly("monitoring");
        Map<String, String> mounts = binds(prometheus);
        Map<String, Object> config = yaml(DOCKER.resolve(sourceFor(mounts, "/etc/prometheus/prometheus.yml")));

        List<Object> ruleFiles = list(config, "rule_files");
        assertThat(ruleFiles).hasSize(1);
        assertThat(DOCKER.resolve(sourceFor(mounts, ruleFiles.get(0).toString()))
                        .normalize())
                .isEqualTo(MonitoringFiles.ALERTS);

        Map<String, Object> job = map(list(config, "scrape_configs").get(0));
        assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
        List<Object> targets = list(map(list(job, "static_configs").get(0)), "targets");
        assertThat(targets).containsExactly("prm-sync:8080");
        assertThat(service(compose, "prm-sync").get("ports").toString()).contains(":8080");

        String credentials =
                map(job.get("authorization")).get("credentials_file").toString();
        assertThat(credentials).startsWith("/run/secrets/");
        String secret = credentials.substring("/run/secrets/".length());
        assertThat(list(prometheus, "secrets")).contains(secret);
        assertThat(map(map(compose.get("secrets")).get(secret)).get("environment"))
                .isEqualTo("PRM_SYNC_ADMIN_TOKEN");
    }

    @Test
    void grafanaGetsTheDataSourceTheDashboardNamesAndTheDashboardWhereItsProviderLooks() throws IOException {
        Map<String, Object> compose = yaml(DOCKER.resolve("compose.yaml"));
        Map<String, Object> grafana = service(compose, "grafana");
        assertThat(list(grafana, "profiles")).containsExactly("monitoring");
        Map<String, String> mounts = binds(grafana);
        Path provisioning = DOCKER.resolve(sourceFor(mounts, "/etc/grafana/provisioning"));

        Map<String, Object> dataSource =
                map(list(yaml(provisioning.resolve("datasources/prometheus.yaml")), "datasources")
                        .get(0));
        assertThat(dataSource.get("url")).isEqualTo("http://prometheus:9090");
        assertThat(list(service(compose, "prometheus"), "ports"))
                .as("Prometheus asks for no login: published on this machine only, if at all")
                .allSatisfy(port -> assertThat(port.toString()).startsWith("127.0.0.1:"));
        assertThat(list(service(compose, "grafana"), "ports"))
                .allSatisfy(port -> assertThat(port.toString()).startsWith("127.0.0.1:"));

        Map<String, Object> provider = map(list(yaml(provisioning.resolve("dashboards/prm-sync.yaml")), "providers")
                .get(0));
        String dashboards = map(provider.get("options")).get("path").toString();
        assertThat(DOCKER.resolve(sourceFor(mounts, dashboards))
                        .resolve("prm-sync.json")
                        .normalize())
                .isEqualTo(MonitoringFiles.DASHBOARD);

        JsonNode dashboard = new ObjectMapper().readTree(MonitoringFiles.DASHBOARD.toFile());
        assertThat(dashboard.path("panels"))
                .allSatisfy(panel ->
                        assertThat(panel.at("/datasource/uid").asText()).isEqualTo(dataSource.get("uid")));
    }

    @Test
    void noServiceOfAProfileRequiresAVariable() throws IOException {
        Map<String, Object> services = map(yaml(DOCKER.resolve("compose.yaml")).get("services"));
        services.forEach((name, definition) -> {
            if (map(definition).containsKey("profiles")) {
                assertThat(definition.toString())
                        .as("service %s (compose interpolates it before it applies profiles)", name)
                        .doesNotContain(":?");
            }
        });
    }

    private static Map<String, String> binds(Map<String, Object> service) {
        Map<String, String> byTarget = new HashMap<>();
        for (Object volume : list(service, "volumes")) {
            String[] parts = volume.toString().split(":");
            if (parts[0].startsWith(".")) {
                assertThat(DOCKER.resolve(parts[0])).as(volume.toString()).exists();
                assertThat(parts).as(volume + " is read-only").hasSize(3).endsWith("ro");
                byTarget.put(parts[1], parts[0]);
            }
        }
        return byTarget;
    }

    private static String sourceFor(Map<String, String> mounts, String path) {
        return mounts.entrySet().stream()
                .filter(mount -> path.equals(mount.getKey()) || path.startsWith(mount.getKey() + "/"))
                .map(mount -> mount.getValue() + path.substring(mount.getKey().length()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(path + " is mounted from nowhere: " + mounts));
    }

    private static Map<String, Object> service(Map<String, Object> compose, String name) {
        return map(map(compose.get("services")).get(name));
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new Yaml().load(in);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> parent, String key) {
        assertThat(parent.get(key)).as(key).isInstanceOf(List.class);
        return (List<Object>) parent.get(key);
    }
}
