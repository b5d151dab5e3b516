package io.prmsync.deploy;

import static io.prmsync.deploy.DeployYaml.absolute;
import static io.prmsync.deploy.DeployYaml.asMap;
import static io.prmsync.deploy.DeployYaml.defaultOf;
import static io.prmsync.deploy.DeployYaml.environment;
import static io.prmsync.deploy.DeployYaml.list;
import static io.prmsync.deploy.DeployYaml.map;
import static io.prmsync.deploy.DeployYaml.target;
import static io.prmsync.deploy.DeployYaml.yaml;

import io.prmsync.deploy.Dockerfile.Stage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What can be checked of the Docker files without a Docker engine: each method returns the problems it found,
 * as sentences, so a test can feed it a broken file and see the problem named.
 *
 * @param files the texts of the files
 * @param writtenPaths the paths the service writes, relative to its working directory
 * @param repositoryFiles the files at or below a path of the repository (empty when it does not exist)
 * @param openWithoutCredentials whether the admin filter lets a request to an HTTP path through without a token
 */
record DockerFilesCheck(
        Files files,
        Set<String> writtenPaths,
        Function<String, List<String>> repositoryFiles,
        Predicate<String> openWithoutCredentials) {

    /** The texts read. {@code readme} is the whole README; only its {@code ## Docker} section counts. */
    record Files(String dockerfile, String compose, String dockerignore, String applicationYaml, String readme) {}

    static final String SERVICE = "prm-sync";
    /** What the service cannot start without outside the sandbox, whatever the README says. */
    static final Set<String> REQUIRED_ENVIRONMENT = Set.of(
            "SPRING_PROFILES_ACTIVE",
            "PRM_SYNC_DB_URL",
            "PRM_SYNC_DB_USER",
            "PRM_SYNC_DB_PASSWORD",
            "PRM_SYNC_ADMIN_TOKEN");

    private static final Pattern ENVIRONMENT_NAME =
            Pattern.compile("\\b(PRM_SYNC_[A-Z0-9_]*[A-Z0-9]|CAMEL_COMPONENT_SALESFORCE_[A-Z0-9_]*[A-Z0-9]"
                    + "|SPRING_PROFILES_ACTIVE)\\b");
    private static final Pattern HEALTH_URL =
            Pattern.compile("https?://(?:localhost|127\\.0\\.0\\.1):(?:\\$\\{[A-Z_]+:-)?(\\d+)}?(/[^\\s\"']*)");

    List<String> all() {
        return Stream.of(
                        runsAsNonRoot(),
                        portsAgree(),
                        environmentPassed(),
                        sandboxDemoMayUseTheStore(),
                        writtenPathsAreVolumesOwnedByTheUser(),
                        mountsAreReadOnly(),
                        healthCheckOnAnOpenHealthPath(),
                        layersInOrder(),
                        labels(),
                        contextKeepsWhatTheBuildNeeds(),
                        copiedFilesExistAndAreSent())
                .flatMap(List::stream)
                .toList();
    }

    List<String> runsAsNonRoot() {
        return image().runsAsNonRoot();
    }

    List<String> layersInOrder() {
        return image().layersInOrder();
    }

    List<String> labels() {
        return image().labels();
    }

    List<String> portsAgree() {
        List<String> problems = new ArrayList<>();
        List<String> exposed = exposedPorts();
        if (exposed.size() != 1) {
            return List.of("the runtime stage should EXPOSE one port, it exposes " + exposed);
        }
        String port = exposed.get(0);
        String serverPort = defaultOf(
                String.valueOf(map(yaml(files.applicationYaml()), "server").get("port")));
        if (!port.equals(serverPort)) {
            problems.add("EXPOSE " + port + " but server.port defaults to " + serverPort);
        }
        List<String> mappings = list(service(SERVICE).get("ports"));
        if (mappings.isEmpty()) {
            problems.add("compose publishes no port of " + SERVICE);
        }
        for (String mapping : mappings) {
            String container = mapping.substring(mapping.lastIndexOf(':') + 1).replace("/tcp", "");
            if (!container.equals(port)) {
                problems.add("compose maps " + mapping + " but the image exposes " + port);
            }
        }
        return problems;
    }

    List<String> environmentPassed() {
        String section = readmeSection("Docker");
        if (section.isEmpty()) {
            return List.of("README has no '## Docker' section");
        }
        Set<String> named = new LinkedHashSet<>(REQUIRED_ENVIRONMENT);
        Matcher names = ENVIRONMENT_NAME.matcher(section);
        while (names.find()) {
            named.add(names.group(1));
        }
        Map<String, Object> environment = environment(service(SERVICE));
        return named.stream()
                .filter(name -> !environment.containsKey(name))
                .map(name -> "compose does not pass " + name + " (README, Docker, or required) to " + SERVICE)
                .toList();
    }

    /** The default service runs the sandbox on PostgreSQL on purpose, which the sandbox refuses unless allowed. */
    List<String> sandboxDemoMayUseTheStore() {
        Map<String, Object> environment = environment(service(SERVICE));
        String profile = defaultOf(String.valueOf(environment.get("SPRING_PROFILES_ACTIVE")));
        String url = String.valueOf(environment.get("PRM_SYNC_DB_URL"));
        boolean sandboxOnExternalStore = "sandbox".equals(profile) && !url.startsWith("jdbc:h2:");
        if (sandboxOnExternalStore
                && !"true".equals(String.valueOf(environment.get("PRM_SYNC_SANDBOX_ALLOW_EXTERNAL_STORE")))) {
            return List.of(SERVICE + " runs the sandbox on " + url
                    + " without PRM_SYNC_SANDBOX_ALLOW_EXTERNAL_STORE=true: it would refuse to start");
        }
        return List.of();
    }

    List<String> writtenPathsAreVolumesOwnedByTheUser() {
        List<String> problems = new ArrayList<>();
        Stage runtime = dockerfile().runtime();
        Map<String, Object> compose = yaml(files.compose());
        Map<String, Object> declared = map(compose, "volumes");
        Set<String> owners = ImageChecks.owners(runtime);
        for (String written : writtenPaths) {
            String path = absolute(runtime.workdir(), written);
            List<String> mounts = list(service(SERVICE).get("volumes")).stream()
                    .filter(v -> target(v).equals(path))
                    .toList();
            if (mounts.isEmpty()) {
                problems.add("the service writes " + path + " but compose mounts no volume there");
            }
            for (String mount : mounts) {
                String source = mount.split(":")[0];
                if (source.startsWith(".") || source.startsWith("/") || !declared.containsKey(source)) {
                    problems.add(mount + " should be a named volume declared under volumes:");
                }
                if (mount.endsWith(":ro")) {
                    problems.add(mount + " is read-only but the service writes there");
                }
            }
            boolean created = runtime.all("RUN").stream()
                    .anyMatch(run -> Pattern.compile("mkdir\\b[^&;|]*\\s" + Pattern.quote(path) + "(\\s|$)")
                            .matcher(run.arguments())
                            .find());
            boolean chowned = runtime.all("RUN").stream().anyMatch(run -> chownedTo(run.arguments(), path, owners));
            if (!created || !chowned) {
                problems.add("the runtime stage should create " + path + " and chown it to the service user " + owners
                        + " (created: " + created + ", chowned: " + chowned + ")");
            }
        }
        return problems;
    }

    /** Files the service only reads come from the host read-only, in every service built from the Dockerfile. */
    List<String> mountsAreReadOnly() {
        List<String> problems = new ArrayList<>();
        String workdir = dockerfile().runtime().workdir();
        for (var entry : map(yaml(files.compose()), "services").entrySet()) {
            Map<String, Object> service = asMap(entry.getValue());
            if (!service.containsKey("build")) {
                continue;
            }
            List<String> volumes = list(service.get("volumes"));
            for (String admins : List.of("config", "routes")) {
                String path = absolute(workdir, admins);
                if (volumes.stream().noneMatch(v -> target(v).equals(path))) {
                    problems.add(entry.getKey() + " does not mount " + path);
                }
            }
            volumes.stream()
                    .filter(v -> v.startsWith(".") || v.startsWith("/"))
                    .filter(v -> !v.endsWith(":ro"))
                    .forEach(v ->
                            problems.add(entry.getKey() + " mounts " + v + " writable; the service only reads it"));
        }
        return problems;
    }

    List<String> healthCheckOnAnOpenHealthPath() {
        var check = dockerfile().runtime().last("HEALTHCHECK");
        if (check.isEmpty() || check.get().arguments().equals("NONE")) {
            return List.of("the runtime stage has no HEALTHCHECK");
        }
        Matcher url = HEALTH_URL.matcher(check.get().arguments());
        if (!url.find()) {
            return List.of("the HEALTHCHECK calls no http://localhost:<port>/ URL: "
                    + check.get().arguments());
        }
        List<String> problems = new ArrayList<>();
        String port = url.group(1);
        String path = url.group(2);
        if (!exposedPorts().contains(port)) {
            problems.add("the HEALTHCHECK calls port " + port + ", the image exposes " + exposedPorts());
        }
        if (!path.startsWith("/actuator/health")) {
            problems.add("the HEALTHCHECK calls " + path + ", not an actuator health path");
        }
        if (!openWithoutCredentials.test(path)) {
            problems.add("the HEALTHCHECK calls " + path + ", which the admin filter closes without a token");
        }
        boolean group = path.endsWith("/liveness") || path.endsWith("/readiness");
        Object probes = map(map(map(yaml(files.applicationYaml()), "management"), "endpoint"), "health")
                .get("probes");
        if (group && !(probes instanceof Map<?, ?> p && Boolean.TRUE.equals(p.get("enabled")))) {
            problems.add("the HEALTHCHECK calls " + path + " but management.endpoint.health.probes is not enabled");
        }
        return problems;
    }

    List<String> contextKeepsWhatTheBuildNeeds() {
        List<String> problems = new ArrayList<>();
        Object build = service(SERVICE).get("build");
        if (!(build instanceof Map<?, ?> b && "..".equals(b.get("context")))) {
            problems.add(SERVICE + " is not built with the repository root (..) as context, where .dockerignore is");
        }
        DockerIgnore ignore = DockerIgnore.parse(files.dockerignore());
        Stream.of("target/prm-sync.jar", "data/admin-token", ".git/HEAD", "secrets/PRM_SYNC_DB_PASSWORD")
                .filter(path -> !ignore.excludes(path))
                .forEach(path -> problems.add(".dockerignore lets " + path + " into the build context"));
        Stream.of(
                        "pom.xml",
                        "mvnw",
                        ".mvn/wrapper/maven-wrapper.properties",
                        "src/main/java/io/prmsync/PrmSyncApplication.java",
                        "config/application.yaml",
                        "routes/sync-failures.camel.yaml")
                .filter(ignore::excludes)
                .forEach(path -> problems.add(".dockerignore leaves out " + path + ", which the build needs"));
        return problems;
    }

    List<String> copiedFilesExistAndAreSent() {
        DockerIgnore ignore = DockerIgnore.parse(files.dockerignore());
        List<String> problems = new ArrayList<>();
        dockerfile().stages().stream()
                .flatMap(stage -> stage.all("COPY").stream())
                .filter(copy -> !copy.arguments().contains("--from="))
                .forEach(copy -> {
                    List<String> words = List.of(copy.arguments().split(" ")).stream()
                            .filter(w -> !w.startsWith("--"))
                            .toList();
                    for (String source : words.subList(0, words.size() - 1)) {
                        List<String> found = repositoryFiles.apply(source);
                        if (found.isEmpty()) {
                            problems.add("line " + copy.line() + ": COPY " + source + ", not in the repository");
                        }
                        found.stream()
                                .filter(ignore::excludes)
                                .forEach(file -> problems.add("line " + copy.line() + ": COPY " + source + " needs "
                                        + file + ", which .dockerignore leaves out"));
                    }
                });
        return problems;
    }

    private ImageChecks image() {
        return new ImageChecks(dockerfile());
    }

    private Dockerfile dockerfile() {
        return Dockerfile.parse(files.dockerfile());
    }

    private List<String> exposedPorts() {
        return dockerfile().runtime().all("EXPOSE").stream()
                .flatMap(e -> Stream.of(e.arguments().split(" ")))
                .map(p -> p.replace("/tcp", ""))
                .toList();
    }

    private static boolean chownedTo(String run, String path, Set<String> owners) {
        Matcher chown = Pattern.compile("chown\\s+(?:-R\\s+)?([^\\s:]+)(?::\\S+)?\\s+([^&;|]*)")
                .matcher(run);
        while (chown.find()) {
            if (owners.contains(chown.group(1))
                    && List.of(chown.group(2).trim().split("\\s+")).contains(path)) {
                return true;
            }
        }
        return false;
    }

    private String readmeSection(String title) {
        StringBuilder section = new StringBuilder();
        boolean inside = false;
        for (String line : files.readme().split("\n")) {
            if (line.startsWith("## ")) {
                inside = line.substring(3).strip().equals(title);
            } else if (inside) {
                section.append(line).append('\n');
            }
        }
        return section.toString();
    }

    private Map<String, Object> service(String name) {
        return map(map(yaml(files.compose()), "services"), name);
    }
}
