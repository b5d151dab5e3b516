package io.prmsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import io.prmsync.config.SyncProperties;
import io.prmsync.salesforce.ApiUsage;
import io.prmsync.salesforce.WriteOutcome;
import io.prmsync.store.Direction;
import io.prmsync.store.RecordSyncState;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.component.salesforce.api.dto.bulkv2.Job;
import org.apache.camel.component.salesforce.api.dto.bulkv2.JobStateEnum;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** How an ingest job's results become one outcome per record of the batch, whatever order Salesforce gives them. */
class BulkOutboundTest {

    private final BulkOutbound bulk = new BulkOutbound(mock(SyncFlows.class), mock(ApiUsage.class), properties(),
            Clock.systemUTC());

    @Test
    void everyRecordGetsItsOwnResultMatchedByExternalIdAndTheOnesTheJobNeverReachedAreSentAgain() throws Exception {
        Exchange exchange = exchangeFor(upsertOf("P-1", "P-2", "P-3"), "PRM_Partner_Id__c");

        jobAnswers(exchange, JobStateEnum.FAILED, "InvalidBatch : the org ran out of storage");
        successes(exchange, "\"sf__Id\",\"sf__Created\",\"PRM_Partner_Id__c\"\n\"001B\",\"true\",\"P-2\"\n");
        failures(exchange, "\"sf__Id\",\"sf__Error\",\"PRM_Partner_Id__c\"\n"
                + "\"\",\"REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --\",\"P-3\"\n");

        @SuppressWarnings("unchecked")
        List<WriteOutcome> outcomes = exchange.getProperty(BulkOutbound.OUTCOMES_PROPERTY, List.class);
        assertThat(outcomes.get(0)).isInstanceOfSatisfying(WriteOutcome.Rejected.class, notReached -> {
            assertThat(notReached.errorCode()).isEqualTo(BulkOutbound.NOT_PROCESSED);
            assertThat(notReached.message()).contains("750000000000001AAA").contains("out of storage");
        });
        assertThat(outcomes.get(1)).isEqualTo(new WriteOutcome.Saved("001B", true));
        assertThat(outcomes.get(2)).isInstanceOfSatisfying(WriteOutcome.Rejected.class,
                rejected -> assertThat(rejected.errorCode()).isEqualTo("REQUIRED_FIELD_MISSING"));
        assertThat(bulk.failureOf(exchange)).get().asString().contains("ended FAILED");
    }

    @Test
    void anUpdateJobMatchesItsResultsById() throws Exception {
        OutboundBatch batch = new OutboundBatch(OutboundBatch.WriteKind.UPDATE,
                List.of(paired("P-1", "001A"), paired("P-2", "001B")), Optional.empty(), true);
        Exchange exchange = exchangeFor(batch, "Id");

        jobAnswers(exchange, JobStateEnum.JOB_COMPLETE, null);
        successes(exchange, "\"sf__Id\",\"sf__Created\",\"Id\"\n\"001B\",\"false\",\"001B\"\n\"001A\",\"false\",\"001A\"\n");
        failures(exchange, "\"sf__Id\",\"sf__Error\",\"Id\"\n");

        assertThat(exchange.getProperty(BulkOutbound.OUTCOMES_PROPERTY, List.class)).containsExactly(
                new WriteOutcome.Saved("001A", false), new WriteOutcome.Saved("001B", false));
        assertThat(bulk.failureOf(exchange)).isEmpty();
    }

    @Test
    void aJobAnswerWithoutAStateIsRefusedRatherThanWaitedOn() {
        Exchange exchange = exchangeFor(upsertOf("P-1"), "PRM_Partner_Id__c");
        Job job = new Job();
        job.setId("750000000000001AAA");
        exchange.getMessage().setBody(job);

        assertThatThrownBy(() -> bulk.jobCreated(exchange)).isInstanceOf(BulkJobException.class)
                .hasMessageContaining("750000000000001AAA").hasMessageContaining("without its state");
    }

    private Exchange exchangeFor(OutboundBatch batch, String keyColumn) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(SyncRunContext.PROPERTY, new SyncRunContext(null, "partner-accounts",
                Direction.OUTBOUND, "incremental", Instant.now()));
        exchange.setProperty(BulkOutbound.PROPERTY, new BulkOutbound.Progress(batch, keyColumn));
        return exchange;
    }

    private void jobAnswers(Exchange exchange, JobStateEnum finalState, String error) throws Exception {
        Job created = new Job();
        created.setId("750000000000001AAA");
        created.setState(JobStateEnum.OPEN);
        exchange.getMessage().setBody(created);
        bulk.jobCreated(exchange);
        assertThat(bulk.isRunning(exchange)).isTrue();
        Job ended = new Job();
        ended.setId("750000000000001AAA");
        ended.setState(finalState);
        ended.setErrorMessage(error);
        exchange.getMessage().setBody(ended);
        bulk.jobPolled(exchange);
        assertThat(bulk.isRunning(exchange)).isFalse();
    }

    private void successes(Exchange exchange, String csv) throws Exception {
        exchange.getMessage().setBody(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
        bulk.readSuccesses(exchange);
    }

    private void failures(Exchange exchange, String csv) throws Exception {
        exchange.getMessage().setBody(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
        bulk.readFailures(exchange);
    }

    private static OutboundBatch upsertOf(String... keys) {
        return new OutboundBatch(OutboundBatch.WriteKind.UPSERT, java.util.Arrays.stream(keys)
                .map(key -> new OutboundRecord(key, Map.of("PRM_Partner_Id__c", key), "hash", Map.of(), null))
                .toList(), Optional.empty(), true);
    }

    private static OutboundRecord paired(String key, String sfId) {
        return new OutboundRecord(key, Map.of("Id", sfId), "hash", Map.of(),
                new RecordSyncState("partner-account", key, sfId, null, null, Map.of()));
    }

    private static SyncProperties properties() {
        return new SyncProperties(Path.of("config/mappings"), 2000, 200, Duration.ofHours(24), Duration.ofMinutes(10),
                Duration.ZERO, Duration.ofDays(14), new SyncProperties.Bulk(10_000, 25_000, 50_000, 1_000,
                Duration.ofMillis(10), Duration.ofHours(2)));
    }
}
