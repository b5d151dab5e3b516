package io.prmsync.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.prmsync.admin.OpenPaths;
import io.prmsync.config.AdminProperties;
import io.prmsync.deploy.DockerFilesCheck.Files;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Parameter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * No Docker engine runs here, so the image and compose files are checked for what can be read from them: a
 * non-root user that owns what the service writes, ports, environment, mounts, health check, layers, labels and
 * the build context. Each check is also fed a broken file, to show it can fail.
 */
class DockerFilesTest {

    private static final Files REAL = new Files(
            read("docker/Dockerfile"),
            read("docker/compose.yaml"),
            read(".dockerignore"),
            read("config/application.yaml"),
            read("README.md"));

    private static DockerFilesCheck check(Files files) {
        return new DockerFilesCheck(
                files, writtenPaths(), DockerFilesTest::repositoryFiles, OpenPaths::openWithoutCredentials);
    }

    @Nested
    class TheRepositoryFiles {

        @Test
        void passEveryCheck() {
            assertThat(check(REAL).all()).isEmpty();
        }

        @Test
        void nameTheDataFolderAsTheOnePlaceTheServiceWrites() {
            assertThat(writtenPaths()).containsExactly("data");
        }

        @Test
        void relyOnAnAdminFilterThatLeavesLivenessOpenAndTheRestClosed() {
            assertThat(OpenPaths.openWithoutCredentials("/actuator/health/liveness"))
                    .isTrue();
            assertThat(OpenPaths.openWithoutCredentials("/actuator/env")).isFalse();
        }
    }

    @Nested
    class EachCheckReportsABrokenFile {

        @Test
        void aRuntimeStageWithoutUserRunsAsRoot() {
            assertThat(check(dockerfile("USER 10001:10001\n", "")).runsAsNonRoot())
                    .containsExactly("the runtime stage has no USER: the service would run as root");
        }

        @Test
        void userRootIsRefused() {
            assertThat(check(dockerfile("USER 10001:10001", "USER root")).runsAsNonRoot())
                    .containsExactly("the runtime stage runs as root (USER root)");
        }

        @Test
        void aNamedUserMustBeCreatedInTheRuntimeStage() {
            assertThat(check(dockerfile("USER 10001:10001", "USER app")).runsAsNonRoot())
                    .containsExactly("USER app is neither numeric nor created (useradd) in the runtime stage");
        }

        @Test
        void aUserOnlyTheBuildStageCreatedDoesNotCount() {
            Files files = dockerfile("WORKDIR /src\n", "WORKDIR /src\nRUN useradd builder\n");
            files = with(files, files.dockerfile().replace("USER 10001:10001", "USER builder"));
            assertThat(check(files).runsAsNonRoot())
                    .containsExactly("USER builder is neither numeric nor created (useradd) in the runtime stage");
        }

        @Test
        void anExposedPortOtherThanTheServersIsReported() {
            assertThat(check(dockerfile("EXPOSE 8080", "EXPOSE 9090")).portsAgree())
                    .contains(
                            "EXPOSE 9090 but server.port defaults to 8080",
                            "compose maps 8080:8080 but the image exposes 9090");
        }

        @Test
        void aComposePortMappedToAnotherContainerPortIsReported() {
            assertThat(check(compose("\"8080:8080\"", "\"8080:9090\"")).portsAgree())
                    .containsExactly("compose maps 8080:9090 but the image exposes 8080");
        }

        @Test
        void aVariableTheReadmeNamesButComposeDoesNotPassIsReported() {
            Files files = new Files(
                    REAL.dockerfile(),
                    REAL.compose(),
                    REAL.dockerignore(),
                    REAL.applicationYaml(),
                    REAL.readme().replace("## Docker\n", "## Docker\nSet `PRM_SYNC_NOT_PASSED`.\n"));
            assertThat(check(files).environmentPassed())
                    .containsExactly(
                            "compose does not pass PRM_SYNC_NOT_PASSED (README, Docker, or required) to prm-sync");
        }

        @Test
        void aRequiredVariableMissingFromComposeIsReportedEvenIfTheReadmeForgetsIt() {
            Files files = compose("      PRM_SYNC_DB_USER: prm\n", "");
            files = new Files(
                    files.dockerfile(),
                    files.compose(),
                    files.dockerignore(),
                    files.applicationYaml(),
                    files.readme().replace("PRM_SYNC_DB_USER", "the user"));
            assertThat(check(files).environmentPassed())
                    .containsExactly(
                            "compose does not pass PRM_SYNC_DB_USER (README, Docker, or required) to prm-sync");
        }

        @Test
        void aReadmeWithoutADockerSectionIsReported() {
            Files files = new Files(
                    REAL.dockerfile(),
                    REAL.compose(),
                    REAL.dockerignore(),
                    REAL.applicationYaml(),
                    REAL.readme().replace("## Docker\n", "## Containers\n"));
            assertThat(check(files).environmentPassed()).containsExactly("README has no '## Docker' section");
        }

        @Test
        void theSandboxOnPostgresqlWithoutTheAllowanceIsReported() {
            assertThat(check(compose("PRM_SYNC_SANDBOX_ALLOW_EXTERNAL_STORE: \"true\"", "X: y"))
                            .sandboxDemoMayUseTheStore())
                    .singleElement()
                    .asString()
                    .contains("without PRM_SYNC_SANDBOX_ALLOW_EXTERNAL_STORE=true");
        }

        @Test
        void aMissingDataVolumeIsReported() {
            assertThat(check(compose("      - prm-sync-data:/app/data\n", "")).writtenPathsAreVolumesOwnedByTheUser())
                    .containsExactly("the service writes /app/data but compose mounts no volume there");
        }

        @Test
        void aReadOnlyOrBindMountedDataFolderIsReported() {
            assertThat(check(compose("prm-sync-data:/app/data", "../data:/app/data:ro"))
                            .writtenPathsAreVolumesOwnedByTheUser())
                    .containsExactly(
                            "../data:/app/data:ro should be a named volume declared under volumes:",
                            "../data:/app/data:ro is read-only but the service writes there");
        }

        @Test
        void aDataFolderTheImageDoesNotGiveToTheUserIsReported() {
            assertThat(check(dockerfile("chown prmsync:prmsync /app/data", "chmod 755 /app/data"))
                            .writtenPathsAreVolumesOwnedByTheUser())
                    .singleElement()
                    .asString()
                    .contains("created: true, chowned: false");
            assertThat(check(dockerfile("chown prmsync:prmsync /app/data", "chown root:root /app/data"))
                            .writtenPathsAreVolumesOwnedByTheUser())
                    .singleElement()
                    .asString()
                    .contains("created: true, chowned: false");
        }

        @Test
        void aWritableConfigMountIsReported() {
            assertThat(check(compose(
                                    "      - ../config:/app/config:ro\n      - ../routes:/app/routes:ro\n      # Where",
                                    "      - ../config:/app/config\n      - ../routes:/app/routes:ro\n      # Where"))
                            .mountsAreReadOnly())
                    .containsExactly("prm-sync mounts ../config:/app/config writable; the service only reads it");
        }

        @Test
        void aMissingHealthCheckIsReported() {
            String dockerfile = REAL.dockerfile().replaceAll("(?s)HEALTHCHECK .*?liveness\" \\|\\| exit 1\n", "");
            assertThat(check(with(REAL, dockerfile)).healthCheckOnAnOpenHealthPath())
                    .containsExactly("the runtime stage has no HEALTHCHECK");
        }

        @Test
        void aHealthCheckOnAClosedOrWrongPathOrPortIsReported() {
            assertThat(check(dockerfile("/actuator/health/liveness", "/actuator/env"))
                            .healthCheckOnAnOpenHealthPath())
                    .containsExactly(
                            "the HEALTHCHECK calls /actuator/env, not an actuator health path",
                            "the HEALTHCHECK calls /actuator/env, which the admin filter closes without a token");
            assertThat(check(dockerfile("SERVER_PORT:-8080", "SERVER_PORT:-9090"))
                            .healthCheckOnAnOpenHealthPath())
                    .containsExactly("the HEALTHCHECK calls port 9090, the image exposes [8080]");
        }

        @Test
        void aProbeGroupTheServiceDoesNotServeIsReported() {
            Files files = new Files(
                    REAL.dockerfile(),
                    REAL.compose(),
                    REAL.dockerignore(),
                    REAL.applicationYaml().replace("probes:\n        enabled: true", "probes:\n        enabled: false"),
                    REAL.readme());
            assertThat(check(files).healthCheckOnAnOpenHealthPath())
                    .containsExactly("the HEALTHCHECK calls /actuator/health/liveness but"
                            + " management.endpoint.health.probes is not enabled");
        }

        @Test
        void layersOutOfOrderOrAFileAfterTheApplicationLayerAreReported() {
            String swapped = REAL.dockerfile()
                    .replace("/extracted/dependencies/", "/extracted/TMP/")
                    .replace("/extracted/application/", "/extracted/dependencies/")
                    .replace("/extracted/TMP/", "/extracted/application/");
            assertThat(check(with(REAL, swapped)).layersInOrder())
                    .contains("the application layer is not the last one written");
            assertThat(check(dockerfile("USER 10001:10001", "COPY routes routes\nUSER 10001:10001"))
                            .layersInOrder())
                    .containsExactly("the application layer is not the last one written");
        }

        @Test
        void missingLabelsAndAFixedVersionAreReported() {
            Files files = dockerfile("      org.opencontainers.image.source=\"${SOURCE_URL}\" \\\n", "");
            files = with(files, files.dockerfile().replace("\"${VERSION}\"", "\"1.0\""));
            assertThat(check(files).labels())
                    .containsExactly(
                            "the image has no label org.opencontainers.image.source",
                            "org.opencontainers.image.version should come from ARG VERSION");
        }

        @Test
        void anIgnoreFileThatSendsTargetOrDropsSourcesIsReported() {
            Files files = new Files(
                    REAL.dockerfile(), REAL.compose(), "data/\n.git\nsrc/\n", REAL.applicationYaml(), REAL.readme());
            assertThat(check(files).contextKeepsWhatTheBuildNeeds())
                    .contains(
                            ".dockerignore lets target/prm-sync.jar into the build context",
                            ".dockerignore lets secrets/PRM_SYNC_DB_PASSWORD into the build context",
                            ".dockerignore leaves out src/main/java/io/prmsync/PrmSyncApplication.java, which the"
                                    + " build needs");
            assertThat(check(files).copiedFilesExistAndAreSent())
                    .anySatisfy(problem -> assertThat(problem).contains("COPY src needs src/main/java/"));
        }

        @Test
        void copyingAFileTheRepositoryDoesNotHaveIsReported() {
            assertThat(check(dockerfile("COPY config config", "COPY settings settings"))
                            .copiedFilesExistAndAreSent())
                    .singleElement()
                    .asString()
                    .endsWith("COPY settings, not in the repository");
        }
    }

    @Nested
    class TheParsers {

        @Test
        void joinContinuationLinesAndDropCommentsInsideThem() {
            Dockerfile file = Dockerfile.parse(
                    "FROM a AS build\nRUN one \\\n  # a comment\n  && two\nFROM b\nWORKDIR /app\nUSER 1\n");

            assertThat(file.stages()).extracting(Dockerfile.Stage::name).containsExactly("build", null);
            assertThat(file.stages().get(0).all("RUN")).singleElement().satisfies(run -> {
                assertThat(run.arguments()).isEqualTo("one && two");
                assertThat(run.line()).isEqualTo(2);
            });
            assertThat(file.runtime().workdir()).isEqualTo("/app");
        }

        @Test
        void letTheLastMatchingIgnorePatternDecide() {
            DockerIgnore ignore = DockerIgnore.parse("*\n!src\n**/*.log\n");

            assertThat(ignore.excludes("target/x.jar")).isTrue();
            assertThat(ignore.excludes("src/main/A.java")).isFalse();
            assertThat(ignore.excludes("src/main/run.log")).isTrue();
            assertThat(ignore.excludes(".git/HEAD")).isTrue();
        }
    }

    private static Files dockerfile(String from, String to) {
        assertThat(REAL.dockerfile()).as("the text the test changes").contains(from);
        return with(REAL, REAL.dockerfile().replace(from, to));
    }

    private static Files compose(String from, String to) {
        assertThat(REAL.compose()).as("the text the test changes").contains(from);
        return new Files(
                REAL.dockerfile(),
                REAL.compose().replace(from, to),
                REAL.dockerignore(),
                REAL.applicationYaml(),
                REAL.readme());
    }

    private static Files with(Files files, String dockerfile) {
        return new Files(dockerfile, files.compose(), files.dockerignore(), files.applicationYaml(), files.readme());
    }

    /**
     * The folders the service writes below its working directory, from the configuration: the default H2 store,
     * the sandbox's generated webhook secrets and its admin token.
     */
    @SuppressWarnings("unchecked")
    static Set<String> writtenPaths() {
        Map<String, Object> config = new Yaml(new SafeConstructor(new LoaderOptions())).load(REAL.applicationYaml());
        String url = DeployYaml.defaultOf(String.valueOf(
                ((Map<String, Object>) ((Map<String, Object>) config.get("spring")).get("datasource")).get("url")));
        Map<String, Object> webhooks =
                (Map<String, Object>) ((Map<String, Object>) config.get("prm-sync")).get("webhooks");
        Stream<String> secrets = Stream.of("prm", "salesforce")
                .map(sender ->
                        String.valueOf(((Map<String, Object>) webhooks.get(sender)).get("generated-secret-file")));
        Parameter tokenFile = Arrays.stream(AdminProperties.class.getDeclaredConstructors()[0].getParameters())
                .filter(p -> p.getType().equals(Path.class))
                .findFirst()
                .orElseThrow();
        String token = tokenFile.getAnnotation(DefaultValue.class).value()[0];
        Set<String> folders = new TreeSet<>();
        Stream.concat(Stream.of(url.replaceFirst("^jdbc:h2:file:", ""), token), secrets)
                .map(file -> Path.of(file).normalize().getParent().toString())
                .forEach(folders::add);
        return folders;
    }

    private static List<String> repositoryFiles(String path) {
        Path start = Path.of(path);
        if (!java.nio.file.Files.exists(start)) {
            return List.of();
        }
        try (Stream<Path> files = java.nio.file.Files.walk(start)) {
            return files.filter(java.nio.file.Files::isRegularFile)
                    .map(file -> file.normalize().toString().replace('\\', '/'))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(String file) {
        try {
            return java.nio.file.Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
