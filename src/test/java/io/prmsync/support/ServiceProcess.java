package io.prmsync.support;

import io.prmsync.sandbox.SalesforceSimulator;
import io.prmsync.sandbox.SimulatorSettings;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The packaged service ({@code target/prm-sync-*.jar}) run as a separate process against a simulated org that
 * lives in the test JVM, the way an operator runs it against a real org: non-sandbox profile, credentials on the
 * command line. For harnesses that kill it or hold it to a small heap.
 */
public final class ServiceProcess implements AutoCloseable {

    public static final String TOKEN = "service-process-token";

    /** Spring Boot's line once the web server listens; the port it names is the one the system gave it. */
    private static final java.util.regex.Pattern LISTENING =
            java.util.regex.Pattern.compile("Tomcat started on port (\\d+)");

    private final Process process;
    private final Path log;
    private volatile int port;
    private final HttpClient http = HttpClient.newHttpClient();

    private ServiceProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * JIT options of a harness's service: the client compiler only. A process that lives seconds to a few minutes,
     * several at once on two cores, spends more of the machine compiling with C2 than C2's code gives back: a start
     * took 10.8 s of CPU with it and 5.8 s without (its context started in 4.2 s instead of 6.3 s). Measurements
     * want the production compiler: {@link #startMeasured}.
     */
    private static final List<String> QUICK_JIT = List.of("-XX:TieredStopAtLevel=1");

    /**
     * Starts the service for a harness, with the JVM options and extra {@code --key=value} arguments; its output goes
     * to {@code log}.
     */
    public static ServiceProcess start(
            SalesforceSimulator salesforce, String store, List<String> jvmOptions, List<String> arguments, Path log)
            throws IOException {
        List<String> options = new ArrayList<>(QUICK_JIT);
        options.addAll(jvmOptions);
        return startMeasured(salesforce, store, options, arguments, log);
    }

    /** Starts the service as production runs it (the JVM's own compilers), for a benchmark that times or sizes it. */
    public static ServiceProcess startMeasured(
            SalesforceSimulator salesforce, String store, List<String> jvmOptions, List<String> arguments, Path log)
            throws IOException {
        SimulatorSettings sandbox = SimulatorSettings.defaults();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(FastStart.jvmOptions());
        command.addAll(List.of(
                "-jar",
                FastStart.jar(),
                "--spring.profiles.active=external-org",
                // The system picks the port as the service binds it: a port picked here and released first could
                // be taken by another process before the service starts.
                "--server.port=0",
                "--spring.datasource.url=" + store,
                "--camel.component.salesforce.login-url=" + salesforce.baseUrl(),
                "--camel.component.salesforce.authentication-type=USERNAME_PASSWORD",
                "--camel.component.salesforce.client-id=" + sandbox.clientId(),
                "--camel.component.salesforce.client-secret=" + sandbox.clientSecret(),
                "--camel.component.salesforce.user-name=" + sandbox.username(),
                "--camel.component.salesforce.password=" + sandbox.password(),
                // The simulator's Pub/Sub API, for the mappings that take change events.
                "--camel.component.salesforce.pub-sub-host=127.0.0.1",
                "--camel.component.salesforce.pub-sub-port=" + salesforce.pubSubPort(),
                "--prm-sync.change-events.plain-text=true",
                "--prm-sync.admin.tokens=" + TOKEN));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command)
                .directory(new File(System.getProperty("user.dir")))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new ServiceProcess(process, log);
    }

    public ServiceProcess awaitHealthy(Duration patience) throws Exception {
        Instant deadline = Instant.now().plus(patience);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The service exited with " + process.exitValue());
            }
            try {
                if (get("/actuator/health").statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("The service did not become healthy within " + patience);
    }

    /** GET with the admin token; a stalled service fails it after two minutes rather than hold the test. */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
                        .header("Authorization", "Bearer " + TOKEN)
                        .timeout(Duration.ofMinutes(2))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** POST with the admin token and no body. */
    public HttpResponse<String> post(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
                        .header("Authorization", "Bearer " + TOKEN)
                        .timeout(Duration.ofMinutes(2))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Bytes the service really keeps alive: {@code jcmd GC.class_histogram} runs a full collection first, so unlike
     * the old generation's size after a young or mixed collection ({@code jvm.gc.live.data.size}) this counts no
     * garbage. Each reading costs the service one full collection.
     */
    public long liveHeapBytes() throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                        Long.toString(process.pid()),
                        "GC.class_histogram")
                .redirectErrorStream(true)
                .start();
        String total = null;
        try (var lines = jcmd.inputReader().lines()) {
            total = lines.filter(line -> line.startsWith("Total"))
                    .reduce((a, b) -> b)
                    .orElse(null);
        }
        if (!jcmd.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            jcmd.destroyForcibly();
            throw new IOException("jcmd GC.class_histogram did not answer within 60 s");
        }
        if (total == null) {
            throw new IllegalStateException("jcmd GC.class_histogram printed no total for pid " + process.pid());
        }
        String[] columns = total.trim().split("\\s+");
        return Long.parseLong(columns[columns.length - 1]);
    }

    /**
     * SIGSTOP: the process stalls as in a long collection pause or a frozen VM, sockets and transactions left
     * open, until {@link #resume}.
     */
    public void stall() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** SIGCONT after {@link #stall}; harmless on a running or dead process. */
    public void resume() throws IOException, InterruptedException {
        if (process.isAlive()) {
            signal("CONT");
        }
    }

    private void signal(String signal) throws IOException, InterruptedException {
        int exit = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                .inheritIO()
                .start()
                .waitFor();
        if (exit != 0) {
            throw new IOException("kill -" + signal + " " + process.pid() + " exited with " + exit);
        }
    }

    /** SIGKILL: no shutdown hooks, no flushing, open transactions dropped. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    static String jar() throws IOException {
        try (var files = Files.list(Path.of("target"))) {
            return files.map(Path::toString)
                    .filter(f -> f.matches(".*prm-sync-.*\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            "No packaged service in target/: run through 'mvn verify' (package comes first)"));
        }
    }

    /** The port the service listens on, from its log; an IOException until it has said so. */
    private int port() throws IOException {
        if (port == 0) {
            // Read as Latin-1: a line being written may end inside a UTF-8 character, which would not decode.
            try (var lines = Files.lines(log, java.nio.charset.StandardCharsets.ISO_8859_1)) {
                port = lines.map(LISTENING::matcher)
                        .filter(java.util.regex.Matcher::find)
                        .map(listening -> Integer.parseInt(listening.group(1)))
                        .findFirst()
                        .orElseThrow(() -> new IOException("The service has not started listening yet (" + log + ")"));
            }
        }
        return port;
    }
}
