package io.prmsync.admin;

import io.prmsync.store.ChangeEventPositions;
import io.prmsync.sync.run.ChangeEventStreams;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** How the Change Data Capture streams are doing: this node's view of each channel, and its stored position. */
@RestController
class ChangeEventController {

    private final ChangeEventStreams streams;
    private final ChangeEventPositions positions;
    private final Clock clock;

    ChangeEventController(ChangeEventStreams streams, ChangeEventPositions positions, Clock clock) {
        this.streams = streams;
        this.positions = positions;
        this.clock = clock;
    }

    /**
     * @param state on this node: STARTING, STREAMING, NOT_HERE (another node holds it), FAILED
     * @param lagSeconds now minus the commit time of the last event this node took
     * @param replayId where a subscription resumes, as stored
     * @param healPendingSince a gap not healed yet: the channel's flows poll from their watermarks soon
     * @param lastHealRuns the polls this node started to heal the last gap (see {@code GET /api/sync/runs/{id}})
     */
    record ChannelView(
            String channel,
            List<String> flows,
            String state,
            String note,
            Instant lastEventAt,
            Long lagSeconds,
            long events,
            long echoesSkipped,
            long gaps,
            String replayId,
            Instant storedLastEventAt,
            Instant healPendingSince,
            List<String> lastHealRuns) {}

    @Operation(
            summary =
                    "Change Data Capture channels: stream state on this node, last event and lag, events taken, own writes skipped, gaps, stored replay id and any gap waiting to be healed by polling")
    @GetMapping("/api/sync/change-events")
    List<ChannelView> changeEvents() {
        Instant now = clock.instant();
        return streams.status().stream()
                .map(status -> {
                    var position = positions.find(status.channel());
                    return new ChannelView(
                            status.channel(),
                            status.flows(),
                            status.state().name(),
                            status.note(),
                            status.lastEventAt().orElse(null),
                            status.lag(now).map(lag -> lag.toSeconds()).orElse(null),
                            status.events(),
                            status.echoesSkipped(),
                            status.gaps(),
                            position.flatMap(ChangeEventPositions.Position::replayId)
                                    .orElse(null),
                            position.flatMap(ChangeEventPositions.Position::lastEventAt)
                                    .orElse(null),
                            position.flatMap(ChangeEventPositions.Position::healAfter)
                                    .orElse(null),
                            status.lastHealRuns());
                })
                .toList();
    }
}
