package io.prmsync.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the packaged service faster, as Spring Boot's documentation recommends for production: the jar extracted
 * once per test JVM ({@code -Djarmode=tools extract}) and a class data sharing archive recorded by one training
 * run that refreshes the context and exits ({@code -Dspring.context.exit=onRefresh}). Measured here: 12.9 s to
 * healthy from the nested jar, 8.5 s extracted with the archive. The crash and cluster harnesses start the service
 * dozens of times. Should either step fail, the service starts from the packaged jar as before, and says why.
 */
final class FastStart {

    private static final Logger log = LoggerFactory.getLogger(FastStart.class);
    private static final String PREFIX = "service-fast-start-";

    /** One per test JVM: integration tests run in two JVMs side by side, and each prepares its own. */
    private static final Path HOME =
            Path.of("target", PREFIX + ProcessHandle.current().pid());

    private static Launch launch;

    private FastStart() {}

    record Launch(String jar, List<String> jvmOptions) {}

    static String jar() throws IOException {
        return prepared().jar();
    }

    static List<String> jvmOptions() throws IOException {
        return prepared().jvmOptions();
    }

    private static synchronized Launch prepared() throws IOException {
        if (launch == null) {
            launch = prepare();
        }
        return launch;
    }

    private static Launch prepare() throws IOException {
        String packaged = ServiceProcess.jar();
        try {
            Path extracted = HOME.resolve("app");
            deleteThoseOfEndedJvms();
            run(List.of(java(), "-Djarmode=tools", "-jar", packaged, "extract", "--destination", extracted.toString()));
            Path jar = extracted.resolve(Path.of(packaged).getFileName());
            Path archive = HOME.resolve("service.jsa").toAbsolutePath();
            run(List.of(
                    java(),
                    "-XX:ArchiveClassesAtExit=" + archive,
                    "-Dspring.context.exit=onRefresh",
                    "-jar",
                    jar.toString(),
                    "--spring.profiles.active=external-org",
                    "--server.port=0",
                    "--spring.datasource.url=jdbc:h2:mem:cds-training",
                    "--prm-sync.admin.tokens=cds-training"));
            if (!Files.isRegularFile(archive) || !Files.isRegularFile(jar)) {
                throw new IOException("no archive or extracted jar after the training run");
            }
            return new Launch(jar.toString(), List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off"));
        } catch (IOException | RuntimeException e) {
            log.warn("The packaged service starts without class data sharing: {}", e.getMessage());
            return new Launch(packaged, List.of());
        }
    }

    private static void run(List<String> command) throws IOException {
        Path output = Files.createTempFile(HOME, "step", ".log");
        Process process = new ProcessBuilder(command)
                .directory(new File(System.getProperty("user.dir")))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        try {
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException(command.get(1) + " took more than 3 minutes; see " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command.subList(1, 3)) + " exited with " + process.exitValue()
                    + "; see " + output);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A test JVM's copy goes when a later one starts (its services may still run while it lives). */
    private static void deleteThoseOfEndedJvms() throws IOException {
        try (var dirs = Files.list(HOME.getParent())) {
            for (Path dir : dirs.toList()) {
                if (ofAnEndedJvm(dir.getFileName().toString())) {
                    deleteRecursively(dir);
                }
            }
        }
        deleteRecursively(HOME); // an ended JVM's, whose process id this one was given again
        Files.createDirectories(HOME);
    }

    private static boolean ofAnEndedJvm(String name) {
        String pid = name.startsWith(PREFIX) ? name.substring(PREFIX.length()) : "";
        return pid.matches("\\d{1,18}") && ProcessHandle.of(Long.parseLong(pid)).isEmpty();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(paths.toList());
            java.util.Collections.reverse(all);
            for (Path path : all) {
                Files.delete(path);
            }
        }
    }
}
