package io.prmsync.bench;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The full benchmark ({@code ./mvnw -B verify -Pbench}; sizes from {@code -Dbench.*}, see
 * {@link SyncBenchmark.Sizes}). Writes {@code target/bench/report.json} and {@code target/bench/report.md}. Not
 * part of the default build: its name does not end in IT.
 */
class SyncBench {

    @Test
    void measureEveryScenario() throws Exception {
        BenchReport report = new SyncBenchmark(SyncBenchmark.Sizes.fromSystemProperties()).run();
        report.write(Path.of("target", "bench"));
        System.out.println(report.markdown());
    }
}
