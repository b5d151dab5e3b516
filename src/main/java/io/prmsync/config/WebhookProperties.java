package io.prmsync.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the webhook endpoints and of the inbox they feed, under {@code prm-sync.webhooks}.
 *
 * @param prm the PRM application's signed webhook ({@code POST /webhooks/prm})
 * @param salesforce Salesforce's signed JSON callouts and Outbound Messages
 * @param maxBodySize larger bodies are refused with 413 before anything is parsed
 * @param signatureTolerance how far a signature's timestamp may be from now
 * @param batchSize inbox events one drain step takes
 * @param drainOnArrival the node that stores an event starts draining the inbox at once; false leaves every event
 *     to the drain's timer ({@code drain-period}), for fewer, larger runs at the cost of latency
 * @param maxAttempts an event whose sync failed this often is marked FAILED and left for an admin
 * @param lease how long a node may hold claimed events before another node (or the restarted one) takes them
 * @param lockWait how long a webhook sync waits for a running sync of its flow before trying again later
 * @param retention processed events are kept this long (for duplicate detection and audit), then removed
 * @param refusals how many unauthenticated requests an address may send before it gets 429 for a while
 */
@Validated
@ConfigurationProperties("prm-sync.webhooks")
public record WebhookProperties(
        @DefaultValue Source prm,
        @DefaultValue Source salesforce,
        @DefaultValue("1MB") DataSize maxBodySize,
        @DefaultValue("PT5M") Duration signatureTolerance,
        @DefaultValue("500") @Min(1) @Max(10000) int batchSize,
        @DefaultValue("true") boolean drainOnArrival,
        @DefaultValue("10") @Min(1) int maxAttempts,
        @DefaultValue("PT5M") Duration lease,
        @DefaultValue("PT2S") Duration lockWait,
        @DefaultValue("P7D") Duration retention,
        @DefaultValue @Valid Refusals refusals) {

    /**
     * One webhook sender.
     *
     * @param secrets shared HMAC secrets; several are accepted so a secret can be rotated without downtime
     * @param generatedSecretFile where the sandbox writes a fresh secret when none is configured
     * @param organizationId the org whose Outbound Messages are accepted (Salesforce only)
     * @param outboundMessageToken when set, Outbound Messages must also carry it as {@code ?token=} in the URL
     */
    public record Source(
            @DefaultValue({}) List<String> secrets,
            Path generatedSecretFile,
            String organizationId,
            String outboundMessageToken) {

        /** Secrets never appear in a printed configuration. */
        @Override
        public String toString() {
            return "Source[secrets=" + secrets.size() + " configured, generatedSecretFile=" + generatedSecretFile
                    + ", organizationId=" + organizationId + ", outboundMessageToken="
                    + (outboundMessageToken == null || outboundMessageToken.isBlank() ? "none" : "set") + "]";
        }
    }

    /**
     * Requests refused as unauthenticated (401) or from the wrong org (403), counted per caller address in fixed
     * windows. An address refused {@code maxPerAddress} times within a {@code window} gets 429 with
     * {@code Retry-After} for the rest of that window, before any signature or token is checked.
     *
     * @param maxPerAddress refusals an address may have within a window
     * @param window how long a count lasts
     * @param trackedAddresses most addresses remembered at once (memory stays bounded); the least recently heard
     *     from are forgotten first
     */
    public record Refusals(
            @DefaultValue("20") @Min(1) int maxPerAddress,
            @DefaultValue("PT1M") Duration window,
            @DefaultValue("10000") @Min(1) int trackedAddresses) {}
}
