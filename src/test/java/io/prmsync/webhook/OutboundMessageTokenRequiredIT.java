package io.prmsync.webhook;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prmsync.PrmSyncApplication;
import io.prmsync.config.StartRefusedException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Outside the sandbox, Outbound Messages switched on (an organization id) without a token stop start-up. */
class OutboundMessageTokenRequiredIT {

    @Test
    void aRealOrgsOutboundMessagesWithoutATokenRefuseToStart() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(PrmSyncApplication.class)
                        .run(
                                "--spring.profiles.active=org",
                                "--server.port=0",
                                "--spring.datasource.url=jdbc:h2:mem:outbound-token-required;DB_CLOSE_DELAY=-1",
                                "--prm-sync.admin.tokens=token-required-admin",
                                "--prm-sync.webhooks.salesforce.organization-id=00D000000000001EAA"))
                .rootCause()
                .isInstanceOf(StartRefusedException.class)
                .hasMessageContaining("Outbound Messages are accepted from organization 00D000000000001EAA")
                .hasMessageContaining("Set PRM_SYNC_SF_OUTBOUND_MESSAGE_TOKEN");
    }
}
