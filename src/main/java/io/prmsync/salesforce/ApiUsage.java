package io.prmsync.salesforce;

import io.prmsync.cluster.SharedApiUsage;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The org's API budget as last reported by Salesforce in the {@code Sforce-Limit-Info} response header, to this
 * node or, through the store, to any other node on it (they spend one daily allocation).
 */
@Component
public class ApiUsage {

    public static final String LIMIT_INFO_HEADER = "Sforce-Limit-Info";
    private static final Pattern API_USAGE = Pattern.compile("api-usage=(\\d+)/(\\d+)");

    /**
     * @param share used / limit, 0 to 1
     * @param readAt when Salesforce reported it
     */
    public record Reading(long used, long limit, double share, Instant readAt) {
        Reading(long used, long limit, Instant readAt) {
            this(used, limit, limit == 0 ? 0 : (double) used / limit, readAt);
        }
    }

    private final AtomicReference<Reading> latest = new AtomicReference<>();
    private final Clock clock;
    private final SharedApiUsage shared;

    ApiUsage(Clock clock, SharedApiUsage shared) {
        this.clock = clock;
        this.shared = shared;
    }

    /** Takes a header value such as {@code api-usage=18/5000}; anything else is ignored. */
    public void record(Object headerValue) {
        if (headerValue == null) {
            return;
        }
        Matcher matcher = API_USAGE.matcher(headerValue.toString());
        if (matcher.find()) {
            Reading reading =
                    new Reading(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)), clock.instant());
            latest.set(reading);
            shared.publish(reading.used(), reading.limit(), reading.readAt());
        }
    }

    /** The newest reading, this node's or another's. */
    public Optional<Reading> latest() {
        Reading own = latest.get();
        Optional<Reading> others =
                shared.latest().map(reading -> new Reading(reading.used(), reading.limit(), reading.readAt()));
        if (own == null) {
            return others;
        }
        return Optional.of(
                others.filter(other -> other.readAt().isAfter(own.readAt())).orElse(own));
    }
}
