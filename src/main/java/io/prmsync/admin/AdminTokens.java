package io.prmsync.admin;

import io.prmsync.config.AdminProperties;
import io.prmsync.config.SandboxSecrets;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * The bearer tokens the admin API accepts. With none configured the API refuses every call, except in the
 * sandbox, which generates one and writes it to a file (never to the log) so the one-command run is usable.
 */
@Component
public class AdminTokens {

    private static final Logger log = LoggerFactory.getLogger(AdminTokens.class);

    private final List<byte[]> tokens = new ArrayList<>();
    private final byte[] basicCredentials;

    AdminTokens(AdminProperties properties, Environment environment) {
        boolean basic = properties.basicUsername() != null
                && !properties.basicUsername().isBlank()
                && properties.basicPassword() != null
                && !properties.basicPassword().isBlank();
        this.basicCredentials = basic
                ? (properties.basicUsername() + ":" + properties.basicPassword()).getBytes(StandardCharsets.UTF_8)
                : null;
        properties.tokens().stream()
                .filter(t -> !t.isBlank())
                .forEach(t -> tokens.add(t.getBytes(StandardCharsets.UTF_8)));
        if (tokens.isEmpty() && environment.acceptsProfiles(Profiles.of("sandbox"))) {
            String generated = SandboxSecrets.generate(properties.generatedTokenFile());
            tokens.add(generated.getBytes(StandardCharsets.UTF_8));
            log.info("Admin API token generated for the sandbox; it is in {}", properties.generatedTokenFile());
        } else if (tokens.isEmpty() && !basic) {
            log.warn("No admin API token configured (PRM_SYNC_ADMIN_TOKEN): every /api call will be refused");
        }
    }

    /** Whether admins may also show a user name and password ({@code prm-sync.admin.basic-*}). */
    public boolean basicConfigured() {
        return basicCredentials != null;
    }

    /** HTTP basic {@code user:password} (decoded), when basic credentials are configured; constant-time. */
    public boolean acceptsBasic(String userColonPassword) {
        return basicCredentials != null
                && userColonPassword != null
                && MessageDigest.isEqual(basicCredentials, userColonPassword.getBytes(StandardCharsets.UTF_8));
    }

    /** Constant-time comparison against every accepted token. */
    public boolean accepts(String presented) {
        if (presented == null) {
            return false;
        }
        byte[] candidate = presented.getBytes(StandardCharsets.UTF_8);
        boolean accepted = false;
        for (byte[] token : tokens) {
            accepted |= MessageDigest.isEqual(token, candidate);
        }
        return accepted;
    }
}
