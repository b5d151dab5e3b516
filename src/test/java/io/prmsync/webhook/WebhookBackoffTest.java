package io.prmsync.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebhookBackoffTest {

    @Test
    void aFailedEventWaitsTwiceAsLongEachTimeUpToFiveMinutes() {
        assertThat(WebhookInboxDrain.backoff(0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(WebhookInboxDrain.backoff(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(WebhookInboxDrain.backoff(8)).isEqualTo(Duration.ofSeconds(256));
        assertThat(WebhookInboxDrain.backoff(9)).isEqualTo(Duration.ofMinutes(5));
        assertThat(WebhookInboxDrain.backoff(500)).isEqualTo(Duration.ofMinutes(5));
    }
}
