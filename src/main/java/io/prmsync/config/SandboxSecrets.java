package io.prmsync.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * Secrets the sandbox makes up when none is configured, so the one-command run is usable. Each is written to a
 * file for the person trying the service, never to the log.
 */
public final class SandboxSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<PosixFilePermission> OWNER_ONLY =
            Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private SandboxSecrets() {}

    /**
     * A fresh random secret, written to {@code file}, readable by its owner only ({@code rw-------} where the file
     * system has POSIX permissions). The secret goes into a new file created with those permissions, which then
     * replaces {@code file}: it is never readable by others, not even for a moment or through an older file's
     * looser permissions, and a reader never sees it half-written.
     */
    public static String generate(Path file) {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String secret = HexFormat.of().formatHex(bytes);
        try {
            Path target = file.toAbsolutePath();
            Files.createDirectories(target.getParent());
            Path written = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp", ownerOnly());
            try {
                Files.writeString(written, secret + System.lineSeparator(), StandardCharsets.UTF_8);
                Files.move(written, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(written);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write a generated sandbox secret to " + file, e);
        }
        return secret;
    }

    private static FileAttribute<?>[] ownerOnly() {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)};
        }
        return new FileAttribute<?>[0];
    }
}
