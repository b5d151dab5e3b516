package io.prmsync.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prmsync.config.StartRefusedException;
import io.prmsync.config.WebhookProperties;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class OutboundMessageTokenTest {

    private static final String ORG = "00D000000000001EAA";

    @Test
    void outsideTheSandboxAnOrganizationIdWithoutATokenRefusesToStart() {
        assertThatThrownBy(() -> new OutboundMessageToken(source(ORG, null), false))
                .isInstanceOfSatisfying(StartRefusedException.class, refused -> {
                    assertThat(refused.problem()).contains(ORG).contains("no endpoint token is set");
                    assertThat(refused.action())
                            .contains("PRM_SYNC_SF_OUTBOUND_MESSAGE_TOKEN")
                            .contains("?token=")
                            .contains("unset PRM_SYNC_SF_ORGANIZATION_ID");
                });
        assertThatThrownBy(() -> new OutboundMessageToken(source(ORG, "  "), false))
                .isInstanceOf(StartRefusedException.class);
    }

    @Test
    void outsideTheSandboxAnOrganizationIdWithATokenStarts() {
        assertThatCode(() -> new OutboundMessageToken(source(ORG, "a-long-random-token"), false))
                .doesNotThrowAnyException();
    }

    @Test
    void withoutAnOrganizationIdTheEndpointIsOffAndNeedsNoToken() {
        assertThatCode(() -> new OutboundMessageToken(source(null, null), false))
                .doesNotThrowAnyException();
        assertThatCode(() -> new OutboundMessageToken(source(" ", null), false)).doesNotThrowAnyException();
    }

    @Test
    void theSandboxsSimulatedOrgMayGoWithoutAToken() {
        OutboundMessageToken token = new OutboundMessageToken(source(ORG, null), true);

        assertThatCode(() -> token.require(null)).doesNotThrowAnyException();
    }

    @Test
    void aConfiguredTokenMustBePresentedExactly() {
        OutboundMessageToken token = new OutboundMessageToken(source(ORG, "a-long-random-token"), false);

        assertThatCode(() -> token.require("a-long-random-token")).doesNotThrowAnyException();
        for (String wrong : new String[] {null, "", "a-long-random-toke", "a-long-random-tokenx"}) {
            assertThatThrownBy(() -> token.require(wrong))
                    .isInstanceOfSatisfying(
                            WebhookRejectedException.class,
                            e -> assertThat(e.status()).isEqualTo(HttpStatus.UNAUTHORIZED));
        }
    }

    private static WebhookProperties.Source source(String organizationId, String token) {
        return new WebhookProperties.Source(List.of(), null, organizationId, token);
    }
}
