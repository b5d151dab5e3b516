package io.prmsync.webhook;

import io.prmsync.config.StartRefusedException;
import io.prmsync.config.WebhookProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * The token an Outbound Message's endpoint URL carries ({@code ?token=…}). Salesforce cannot sign these messages,
 * and the organization id they carry is no secret, so outside the sandbox the endpoint is on (an organization id is
 * configured) only with a token; the sandbox's simulated org may go without.
 */
@Component
class OutboundMessageToken {

    static final String VARIABLE = "PRM_SYNC_SF_OUTBOUND_MESSAGE_TOKEN";

    private final byte[] token;

    @Autowired
    OutboundMessageToken(WebhookProperties properties, Environment environment) {
        this(properties.salesforce(), environment.acceptsProfiles(Profiles.of("sandbox")));
    }

    OutboundMessageToken(WebhookProperties.Source salesforce, boolean sandbox) {
        String configured = salesforce.outboundMessageToken();
        this.token = configured == null || configured.isBlank() ? null : configured.getBytes(StandardCharsets.UTF_8);
        boolean enabled = salesforce.organizationId() != null
                && !salesforce.organizationId().isBlank();
        if (enabled && token == null && !sandbox) {
            throw new StartRefusedException(
                    "Outbound Messages are accepted from organization "
                            + salesforce.organizationId().trim()
                            + " (PRM_SYNC_SF_ORGANIZATION_ID), but no endpoint token is set: an organization id is"
                            + " no secret, so anyone who knows it could have records synced.",
                    "Set " + VARIABLE + " (prm-sync.webhooks.salesforce.outbound-message-token) to a long random"
                            + " value and end the Outbound Message's endpoint URL in ?token=<that value>; or unset"
                            + " PRM_SYNC_SF_ORGANIZATION_ID to turn Outbound Messages off.");
        }
    }

    /**
     * Constant-time comparison with the configured token, if any.
     *
     * @throws WebhookRejectedException (401) when a token is configured and {@code presented} is missing or wrong
     */
    void require(String presented) {
        if (token == null) {
            return;
        }
        if (presented == null || !MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8))) {
            throw WebhookRejectedException.unauthorized("The endpoint URL's token is missing or wrong");
        }
    }
}
