package io.prmsync.sync.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prmsync.support.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChangeEventStreamsTest {

    private static final String CHANNEL = "/data/AccountChangeEvent";
    private static final Duration SAFETY_NET = Duration.ofHours(1);

    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-06T10:00:00Z"));
    private final ChangeEventStreams streams = new ChangeEventStreams(
            Map.of(CHANNEL, List.of("partner-accounts")),
            Map.of("partner-accounts", "Account", "deal-registrations", "Opportunity"),
            SAFETY_NET,
            clock);

    @Test
    void aFlowWithoutAHealthyStreamPollsOnEveryTick() {
        assertThat(streams.takeScheduledPoll("partner-accounts")).isTrue();
        assertThat(streams.takeScheduledPoll("partner-accounts")).isTrue();
        assertThat(streams.takeScheduledPoll("deal-registrations"))
                .as("no channel")
                .isTrue();
        assertThat(streams.takeScheduledPoll("deal-registrations")).isTrue();
    }

    @Test
    void whileItsChannelStreamsAFlowPollsOncePerSafetyNetPeriod() {
        streams.subscribed(CHANNEL, "from the newest event");
        assertThat(streams.takeScheduledPoll("partner-accounts"))
                .as("the first tick polls")
                .isTrue();
        streams.received(CHANNEL, clock.instant());

        clock.advance(Duration.ofMinutes(59));
        assertThat(streams.takeScheduledPoll("partner-accounts")).isFalse();
        clock.advance(Duration.ofMinutes(1));
        assertThat(streams.takeScheduledPoll("partner-accounts")).isTrue();
        assertThat(streams.takeScheduledPoll("partner-accounts")).isFalse();
    }

    @Test
    void aSubscriptionNoEventCameThroughYetLeavesTheFlowItsSchedule() {
        streams.subscribed(CHANNEL, "from the newest event");

        assertThat(streams.takeScheduledPoll("partner-accounts")).isTrue();
        assertThat(streams.takeScheduledPoll("partner-accounts"))
                .as("a channel Salesforce never answers")
                .isTrue();
    }

    @Test
    void aFailedStreamGivesTheFlowItsScheduleBack() {
        streams.subscribed(CHANNEL, "resuming");
        streams.takeScheduledPoll("partner-accounts");
        streams.failed(CHANNEL, "the store was down");

        assertThat(streams.takeScheduledPoll("partner-accounts")).isTrue();
        assertThat(streams.state(CHANNEL)).isEqualTo(ChangeEventStreams.State.FAILED);
    }

    @Test
    void statusCountsEventsAndTellsTheLag() {
        streams.subscribed(CHANNEL, "resuming");
        streams.received(CHANNEL, clock.instant().minusSeconds(3));
        streams.echoSkipped(CHANNEL);
        streams.gap(CHANNEL);

        ChangeEventStreams.ChannelStatus status = streams.status().get(0);
        assertThat(status.state()).isEqualTo(ChangeEventStreams.State.STREAMING);
        assertThat(status.flows()).containsExactly("partner-accounts");
        assertThat(status.events()).isEqualTo(1);
        assertThat(status.echoesSkipped()).isEqualTo(1);
        assertThat(status.gaps()).isEqualTo(1);
        assertThat(status.lag(clock.instant())).contains(Duration.ofSeconds(3));
    }

    @Test
    void eventsAboutAnObjectGoToTheChannelsFlowsThatReadIt() {
        assertThat(streams.flowsOf(CHANNEL, "Account")).containsExactly("partner-accounts");
        assertThat(streams.flowsOf(CHANNEL, "Opportunity"))
                .as("not this channel's flow")
                .isEmpty();
        assertThatThrownBy(() -> streams.state("/data/LeadChangeEvent"))
                .hasMessage("No mapping subscribes to change event channel /data/LeadChangeEvent");
    }
}
