package io.prmsync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxSecretsTest {

    @TempDir
    Path dir;

    @BeforeEach
    void posix() {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX file system");
    }

    @Test
    void aGeneratedSecretIsReadableByItsOwnerOnly() throws IOException {
        Path file = dir.resolve("data/admin-token");

        String secret = SandboxSecrets.generate(file);

        assertThat(Files.readString(file).trim()).isEqualTo(secret);
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void anOlderSecretFileOthersCouldReadIsReplacedByAnOwnerOnlyOne() throws IOException {
        Path file = dir.resolve("prm-webhook-secret");
        Files.writeString(file, "old secret\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        String secret = SandboxSecrets.generate(file);

        assertThat(Files.readString(file).trim()).isEqualTo(secret);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        try (var left = Files.list(dir)) {
            assertThat(left).as("no temporary file is left behind").containsExactly(file);
        }
    }
}
