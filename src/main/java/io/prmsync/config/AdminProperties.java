package io.prmsync.config;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The admin API's credentials, under {@code prm-sync.admin}.
 *
 * @param tokens accepted bearer tokens (several, so a token can be rotated); from {@code PRM_SYNC_ADMIN_TOKEN}
 * @param generatedTokenFile where the sandbox writes a fresh token when none is configured
 * @param basicUsername with {@code basicPassword}, HTTP basic credentials accepted besides the tokens (for tools
 *     that cannot send a bearer token); from {@code PRM_SYNC_ADMIN_USER} and {@code PRM_SYNC_ADMIN_PASSWORD}
 * @param maxBodySize the largest request body any admin call takes; larger ones are refused with 413 before they
 *     are read
 * @param maxDryRunSize the largest candidate rules file the dry runs take ({@code /api/tiers/dry-run},
 *     {@code /api/engagement/dry-run})
 */
@ConfigurationProperties("prm-sync.admin")
public record AdminProperties(
        @DefaultValue({}) List<String> tokens,
        @DefaultValue("data/admin-token") Path generatedTokenFile,
        String basicUsername,
        String basicPassword,
        @DefaultValue("64KB") DataSize maxBodySize,
        @DefaultValue("256KB") DataSize maxDryRunSize) {

    public AdminProperties {
        if (maxBodySize.toBytes() < 1 || maxDryRunSize.toBytes() < 1) {
            throw new IllegalArgumentException("prm-sync.admin.max-body-size and max-dry-run-size must be positive,"
                    + " were " + maxBodySize + " and " + maxDryRunSize);
        }
    }

    /** Tokens are secrets: never part of a printed configuration. */
    @Override
    public String toString() {
        return "AdminProperties[tokens=" + tokens.size() + " configured, generatedTokenFile=" + generatedTokenFile
                + ", basicUsername=" + basicUsername + ", basicPassword=" + (basicPassword == null ? "none" : "set")
                + ", maxBodySize=" + maxBodySize + ", maxDryRunSize=" + maxDryRunSize + "]";
    }
}
