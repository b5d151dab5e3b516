package io.prmsync.support;

import static org.awaitility.Awaitility.await;

import io.prmsync.sandbox.SalesforceSimulator;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The sandbox seeds its sample program as the service starts: a run within the settle lag of the newest seeded
 * stamp would read none of it. Tests at the shipped settle lag wait this out before their first run.
 */
public final class SeededOrg {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private SeededOrg() {}

    public static void awaitPastSettleLag(SalesforceSimulator salesforce, Duration settleLag) {
        Instant seeded = newestStamp(salesforce);
        await().atMost(PATIENCE).until(() -> Instant.now().isAfter(seeded.plus(settleLag)));
    }

    public static Instant newestStamp(SalesforceSimulator salesforce) {
        return Stream.of("Account", "Lead", "Opportunity", "Partner_Certification__c", "Partner_Activity__c")
                .flatMap(type -> salesforce.org().records(type).stream())
                .map(record -> (Instant) record.get("SystemModstamp"))
                .max(Comparator.naturalOrder())
                .orElseThrow();
    }
}
