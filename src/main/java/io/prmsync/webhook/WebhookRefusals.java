package io.prmsync.webhook;

import io.prmsync.config.WebhookProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Slows down guessing: a caller address whose webhook requests were refused as unauthenticated (401) or from the
 * wrong org (403) too often gets 429 with {@code Retry-After} until its window ends, before its signature or token
 * is even looked at. Addresses are the connection's; behind a reverse proxy set
 * {@code server.forward-headers-strategy} so they are the callers' and not the proxy's.
 */
@Component
class WebhookRefusals {

    private static final Logger log = LoggerFactory.getLogger(WebhookRefusals.class);

    private final RefusalCounter counter;
    private final WebhookProperties.Refusals settings;

    WebhookRefusals(WebhookProperties properties, Clock clock) {
        this.settings = properties.refusals();
        this.counter =
                new RefusalCounter(settings.maxPerAddress(), settings.window(), settings.trackedAddresses(), clock);
    }

    /** @throws WebhookRejectedException 429 while the caller's address is blocked */
    void requireNotBlocked(HttpServletRequest request) {
        counter.blockedFor(request.getRemoteAddr()).ifPresent(wait -> {
            throw WebhookRejectedException.tooManyRefusals(
                    "Too many refused webhook requests from this address; try again later", wait);
        });
    }

    /** Counts a refusal that may be guessing: a failed signature, token or organization check. */
    void counted(HttpServletRequest request, HttpStatus status) {
        if (status != HttpStatus.UNAUTHORIZED && status != HttpStatus.FORBIDDEN) {
            return;
        }
        String address = request.getRemoteAddr();
        if (counter.refused(address)) {
            log.warn(
                    "Webhook requests from {} refused {} times within {}: they get 429 until the window ends",
                    address,
                    settings.maxPerAddress(),
                    settings.window());
        }
    }

    static long retryAfterSeconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
