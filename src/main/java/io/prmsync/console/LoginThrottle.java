package io.prmsync.console;

import io.prmsync.webhook.RefusalCounter;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Failed console logins per caller address: after {@value #MAX_FAILURES} within a minute the address may not try
 * again until the minute ends, before its token is even looked at, so the login form is no faster an oracle for
 * guessing the admin token than the webhooks are for their secrets.
 */
@Component
class LoginThrottle {

    static final int MAX_FAILURES = 10;
    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final int TRACKED_ADDRESSES = 10_000;

    private final RefusalCounter failures;

    LoginThrottle(Clock clock) {
        this.failures = new RefusalCounter(MAX_FAILURES, WINDOW, TRACKED_ADDRESSES, clock);
    }

    Optional<Duration> blockedFor(String address) {
        return failures.blockedFor(address);
    }

    void failed(String address) {
        failures.refused(address);
    }
}
