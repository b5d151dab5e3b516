package io.prmsync.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Secrets the sandbox makes up when none is configured, so the one-command run is usable. Each is written to a
 * file for the person trying the service, never to the log.
 */
public final class SandboxSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SandboxSecrets() {}

    /** A fresh random secret, written to {@code file}. */
    public static String generate(Path file) {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String secret = HexFormat.of().formatHex(bytes);
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.writeString(file, secret + System.lineSeparator());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write a generated sandbox secret to " + file, e);
        }
        return secret;
    }
}
