package io.prmsync.program;

import io.prmsync.tier.DryRun;
import io.prmsync.tier.PartnerFacts;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.springframework.stereotype.Component;

/** Every live partner as a dry run needs it, read a chunk at a time while the report is built. */
@Component
public class DryRunPartners {

    private final PartnerFactsReader facts;
    private final TierEvaluation evaluation;
    private final Clock clock;

    DryRunPartners(PartnerFactsReader facts, TierEvaluation evaluation, Clock clock) {
        this.facts = facts;
        this.evaluation = evaluation;
        this.clock = clock;
    }

    public Iterable<DryRun.Partner> all() {
        LocalDate today = LocalDate.now(clock);
        return () -> new Iterator<>() {
            private Iterator<DryRun.Partner> chunk = Collections.emptyIterator();
            private String after = "";
            private boolean exhausted;

            @Override
            public boolean hasNext() {
                while (!chunk.hasNext() && !exhausted) {
                    List<PartnerFactsReader.PartnerRow> rows = facts.partnersAfter(after, TierEvaluation.CHUNK);
                    exhausted = rows.isEmpty();
                    if (!exhausted) {
                        after = rows.get(rows.size() - 1).partnerId();
                        Map<String, PartnerFacts> byId = evaluation.factsWithEarnedPoints(rows, today);
                        chunk = rows.stream()
                                .map(row -> new DryRun.Partner(byId.get(row.partnerId()), evaluation.standingOf(row)))
                                .toList()
                                .iterator();
                    }
                }
                return chunk.hasNext();
            }

            @Override
            public DryRun.Partner next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return chunk.next();
            }
        };
    }
}
