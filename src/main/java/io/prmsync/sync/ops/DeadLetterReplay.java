package io.prmsync.sync.ops;

import io.prmsync.store.DeadLetter;
import io.prmsync.store.DeadLetterRepository;
import io.prmsync.store.Direction;
import io.prmsync.store.ParkedRecordRepository;
import io.prmsync.sync.route.SyncLauncher;
import io.prmsync.sync.run.FlowBusyException;
import io.prmsync.sync.run.Mode;
import java.time.Clock;
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
        if (!"OPEN".equals(letter.status())) {
            throw new IllegalStateException(
                    "Dead letter " + letter.id() + " is " + letter.status() + "; only open ones can be replayed");
        }
        Direction direction = Direction.valueOf(letter.direction());
        parked.park(
                letter.flow(),
                direction,
                letter.recordKey(),
                "replay of dead letter " + letter.id(),
                direction == Direction.INBOUND ? letter.payload() : null,
                clock.instant());
        try {
            launcher.launch(letter.flow(), direction, Mode.INCREMENTAL);
        } catch (FlowBusyException running) {
            // The run under way, or the next one, picks the record up.
        }
    }
}
