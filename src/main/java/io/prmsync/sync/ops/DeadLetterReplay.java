package io.prmsync.sync.ops;

import io.prmsync.store.DeadLetter;
import io.prmsync.store.DeadLetterRepository;
import io.prmsync.store.Direction;
import io.prmsync.store.ParkedRecordRepository;
import io.prmsync.sync.route.SyncLauncher;
import io.prmsync.sync.run.FlowBusyException;
import io.prmsync.sync.run.Mode;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Replays a dead letter once its cause is fixed, through the parking lot every run already retries: an outbound
 * record is planned and sent again from its PRM row as it is now, an inbound one applied again from the
 * Salesforce record stored with the letter. The letter closes when the record syncs.
 */
@Component
public class DeadLetterReplay {

    private final DeadLetterRepository deadLetters;
    private final ParkedRecordRepository parked;
    private final SyncLauncher launcher;
    private final Clock clock;

    DeadLetterReplay(
            DeadLetterRepository deadLetters, ParkedRecordRepository parked, SyncLauncher launcher, Clock clock) {
        this.deadLetters = deadLetters;
        this.parked = parked;
        this.launcher = launcher;
        this.clock = clock;
    }

    /**
     * Queues the letter's record and starts its flow.
     *
     * @throws IllegalStateException when the letter is no longer open
     */
    public void replay(DeadLetter.Stored letter) {
        replayAll(List.of(letter));
    }

    /**
     * Queues the records of several letters, then starts each flow they name once (not once per letter, which
     * would find the flow busy from the second on).
     *
     * @throws IllegalStateException when one of the letters is no longer open; then none is queued
     */
    public void replayAll(List<DeadLetter.Stored> letters) {
        for (DeadLetter.Stored letter : letters) {
            if (!"OPEN".equals(letter.status())) {
                throw new IllegalStateException(
                        "Dead letter " + letter.id() + " is " + letter.status() + "; only open ones can be replayed");
            }
        }
        Set<Map.Entry<String, Direction>> flows = new LinkedHashSet<>();
        for (DeadLetter.Stored letter : letters) {
            Direction direction = Direction.valueOf(letter.direction());
            parked.park(
                    letter.flow(),
                    direction,
                    letter.recordKey(),
                    "replay of dead letter " + letter.id(),
                    direction == Direction.INBOUND ? letter.payload() : null,
                    clock.instant());
            flows.add(Map.entry(letter.flow(), direction));
        }
        for (Map.Entry<String, Direction> flow : flows) {
            try {
                launcher.launch(flow.getKey(), flow.getValue(), Mode.INCREMENTAL);
            } catch (FlowBusyException running) {
                // The run under way, or the next one, picks the records up.
            }
        }
    }
}
