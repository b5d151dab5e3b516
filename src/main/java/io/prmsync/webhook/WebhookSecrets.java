package io.prmsync.webhook;

import io.prmsync.config.SandboxSecrets;
import io.prmsync.config.WebhookProperties;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * The HMAC secrets of the signed webhooks. With none configured a webhook refuses every request, except in the
 * sandbox, which generates one per webhook and writes it to a file (never to the log).
 */
@Component
class WebhookSecrets {

    private static final Logger log = LoggerFactory.getLogger(WebhookSecrets.class);

    private final List<byte[]> prm;
    private final List<byte[]> salesforce;

    WebhookSecrets(WebhookProperties properties, Environment environment) {
        boolean sandbox = environment.acceptsProfiles(Profiles.of("sandbox"));
        this.prm = load("PRM", "PRM_SYNC_PRM_WEBHOOK_SECRET", properties.prm(), sandbox);
        this.salesforce = load("Salesforce", "PRM_SYNC_SF_WEBHOOK_SECRET", properties.salesforce(), sandbox);
    }

    List<byte[]> prm() {
        return prm;
    }

    List<byte[]> salesforce() {
        return salesforce;
    }

    private static List<byte[]> load(String sender, String variable, WebhookProperties.Source source, boolean sandbox) {
        List<byte[]> secrets = source.secrets().stream()
                .filter(s -> !s.isBlank())
                .map(s -> s.getBytes(StandardCharsets.UTF_8))
                .toList();
        if (!secrets.isEmpty()) {
            return secrets;
        }
        if (sandbox && source.generatedSecretFile() != null) {
            String generated = SandboxSecrets.generate(source.generatedSecretFile());
            log.info("{} webhook secret generated for the sandbox; it is in {}", sender, source.generatedSecretFile());
            return List.of(generated.getBytes(StandardCharsets.UTF_8));
        }
        log.warn("No {} webhook secret configured ({}): that webhook will refuse every request", sender, variable);
        return List.of();
    }
}
