package io.prmsync.sync;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** How a latest-wins field changed on both sides to different values is decided, whichever run finds it. */
public final class LatestWins {

    private LatestWins() {}

    /**
     * Whether Salesforce's value wins: the later change wins, and as Salesforce stamps whole seconds, an edit on each
     * side within one second cannot be ordered and Salesforce's wins (both sides then agree, and the conflict is
     * kept).
     *
     * @param prmChangedAt when the PRM store changed the field (the row's age where no field stamp is kept)
     * @param salesforceChangedAt the record's {@code LastModifiedDate}: Salesforce keeps no time per field
     */
    public static boolean salesforceWins(Instant prmChangedAt, Instant salesforceChangedAt) {
        return !prmChangedAt.truncatedTo(ChronoUnit.SECONDS).isAfter(salesforceChangedAt);
    }
}
