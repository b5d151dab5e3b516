package io.prmsync.sync.run;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Flows stopped until something is fixed: the check of their mapping against the org found problems, or the org
 * is not the one the store's pairings come from. Unlike a throttle pause, a block has no end time: the check that
 * set it lifts it once it passes. Each cause blocks and unblocks on its own.
 */
@Component
public class FlowBlocks {

    /** flow → cause → reason. */
    private final Map<String, Map<String, String>> reasons = new ConcurrentHashMap<>();

    public void block(String flow, String cause, String reason) {
        reasons.computeIfAbsent(flow, f -> new ConcurrentHashMap<>()).put(cause, reason);
    }

    public void unblock(String flow, String cause) {
        reasons.computeIfPresent(flow, (f, causes) -> {
            causes.remove(cause);
            return causes.isEmpty() ? null : causes;
        });
    }

    public Optional<String> reason(String flow) {
        Map<String, String> causes = reasons.get(flow);
        return causes == null || causes.isEmpty()
                ? Optional.empty()
                : Optional.of(causes.values().stream().sorted().collect(Collectors.joining("; ")));
    }
}
