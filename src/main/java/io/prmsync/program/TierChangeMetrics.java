package io.prmsync.program;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.prmsync.tier.TierDecision;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Partners' tier changes as a counter by kind of decision ({@code Promoted}, {@code Demoted}, …), counted once the
 * transaction that recorded them commits: a chunk that rolls back changed nobody's tier.
 */
@Component
class TierChangeMetrics {

    static final String TIER_CHANGES = "prm_sync.tier.changes";

    private final MeterRegistry meters;

    TierChangeMetrics(MeterRegistry meters) {
        this.meters = meters;
        // Every kind appears at zero, so a dashboard's rate over it counts the first change too.
        for (Class<?> kind : TierDecision.class.getPermittedSubclasses()) {
            counter(kind.getSimpleName());
        }
    }

    private Counter counter(String kind) {
        return Counter.builder(TIER_CHANGES)
                .description("Partners whose tier changed, by the kind of decision")
                .tag("kind", kind)
                .register(meters);
    }

    void recorded(List<TierMemberships.TierChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        Map<String, Long> byKind = changes.stream()
                .collect(Collectors.groupingBy(TierMemberships.TierChange::kind, Collectors.counting()));
        Runnable count = () -> byKind.forEach((kind, n) -> counter(kind).increment(n));
        AfterCommit.run(count);
    }
}
