package io.prmsync.salesforce;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/** The org's API budget as last reported by Salesforce in the {@code Sforce-Limit-Info} response header. */
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

    ApiUsage(Clock clock) {
        this.clock = clock;
    }

    /** Takes a header value such as {@code api-usage=18/5000}; anything else is ignored. */
    public void record(Object headerValue) {
        if (headerValue == null) {
            return;
        }
        Matcher matcher = API_USAGE.matcher(headerValue.toString());
        if (matcher.find()) {
            latest.set(
                    new Reading(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)), clock.instant()));
        }
    }

    public Optional<Reading> latest() {
        return Optional.ofNullable(latest.get());
    }
}
