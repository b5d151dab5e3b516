package io.prmsync.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prmsync.PrmSyncApplication;
import io.prmsync.yaml.ConfigInvalidException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** A broken mapping stops the service at start-up with a message naming file, line and key. */
class StartupValidationIT {

    @TempDir
    Path mappings;

    @Test
    void anUnknownColumnInAMappingStopsStartUp() throws IOException {
        String shipped = Files.readString(Path.of("config/mappings/partner-accounts.yaml"));
        Path broken = mappings.resolve("partner-accounts.yaml");
        Files.writeString(broken, shipped.replace("  website:  ", "  homepage: "));

        assertThatThrownBy(() -> new SpringApplicationBuilder(PrmSyncApplication.class)
                        .run(
                                "--server.port=0",
                                "--spring.datasource.url=jdbc:h2:mem:startup-validation;DB_CLOSE_DELAY=-1",
                                "--prm-sync.sync.mappings-dir=" + mappings,
                                "--prm-sync.schedule.first-run-delay=3600000"))
                .rootCause()
                .isInstanceOf(ConfigInvalidException.class)
                .hasMessageContaining(broken + " line " + lineOf(shipped, "  website:  ")
                        + ": fields.homepage is not a column of table 'partner_account'");
    }

    private static int lineOf(String content, String text) {
        String[] lines = content.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not found");
    }
}
