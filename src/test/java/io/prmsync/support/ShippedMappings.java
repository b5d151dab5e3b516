package io.prmsync.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** The shipped mappings copied for a test that needs one line of one of them otherwise. */
public final class ShippedMappings {

    private ShippedMappings() {}

    /**
     * Copies {@code config/mappings} to {@code target}, with {@code line} replaced by {@code replacement} in
     * {@code fileName}; fails when that file does not hold the line, so a changed shipped mapping cannot quietly
     * turn the test into one of the shipped configuration.
     */
    public static void copyWith(String target, String fileName, String line, String replacement) {
        try (Stream<Path> shipped = Files.list(Path.of("config/mappings"))) {
            Files.createDirectories(Path.of(target));
            for (Path file : shipped.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                String yaml = Files.readString(file);
                if (file.getFileName().toString().equals(fileName)) {
                    if (!yaml.contains(line)) {
                        throw new IllegalStateException(file + " no longer holds the line a test changes: " + line);
                    }
                    yaml = yaml.replace(line, replacement);
                }
                replace(Path.of(target).resolve(file.getFileName()), yaml);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whole or not at all: integration tests run in two JVMs, and one may copy a mapping while the other's
     * service reads it.
     */
    private static void replace(Path file, String content) throws IOException {
        Path written = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(written, content);
            Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(written);
        }
    }
}
