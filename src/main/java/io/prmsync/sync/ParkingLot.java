package io.prmsync.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prmsync.cluster.FlowTransactions;
import io.prmsync.config.SyncProperties;
import io.prmsync.mapping.SalesforceRecord;
import io.prmsync.salesforce.QueryPageReader;
import io.prmsync.store.DeadLetter;
import io.prmsync.store.DeadLetterRepository;
import io.prmsync.store.Direction;
import io.prmsync.store.ParkedRecord;
import io.prmsync.store.ParkedRecordRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Children waiting for their parent. Every run retries its flow's parked records; one still waiting after the
 * park timeout becomes a dead letter ({@code PARENT_NOT_SYNCED}) so it is seen and can be replayed.
 */
@Component
public class ParkingLot {

    public static final String PARENT_NOT_SYNCED = "PARENT_NOT_SYNCED";
    /** Marks a record waiting, not for a parent, but for a transient Salesforce error to pass; the code follows. */
    public static final String RETRY_PREFIX = "retry after ";

    private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {};

    private final ParkedRecordRepository parked;
    private final DeadLetterRepository deadLetters;
    private final ObjectMapper json;
    private final SyncProperties properties;
    private final FlowTransactions transaction;
    private final Clock clock;

    ParkingLot(
            ParkedRecordRepository parked,
            DeadLetterRepository deadLetters,
            ObjectMapper json,
            SyncProperties properties,
            FlowTransactions transaction,
            Clock clock) {
        this.parked = parked;
        this.deadLetters = deadLetters;
        this.json = json;
        this.properties = properties;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** One page of the inbound records parked for the flow, as read from Salesforce, after {@code afterId}. */
    public List<SalesforceRecord> inbound(String flow, String afterId) {
        return parked.waiting(flow, Direction.INBOUND, afterId, properties.queryPageSize()).stream()
                .map(this::toRecord)
                .toList();
    }

    /** One page of the PRM keys of outbound records parked for the flow, after {@code afterKey}. */
    public List<String> outbound(String flow, String afterKey) {
        return parked.waiting(flow, Direction.OUTBOUND, afterKey, properties.writeBatchSize()).stream()
                .map(ParkedRecord::recordKey)
                .toList();
    }

    public void parkOutbound(String flow, String prmKey, String parentKeys) {
        parked.park(flow, Direction.OUTBOUND, prmKey, parentKeys, null, clock.instant());
    }

    public void release(String flow, Direction direction, List<String> recordKeys) {
        parked.release(flow, direction, recordKeys);
    }

    /** Dead-letters the records that have waited longer than the park timeout; returns how many. */
    public int expire(String flow, Direction direction) {
        Instant now = clock.instant();
        return transaction.execute(flow, tx -> {
            List<ParkedRecord> expired = parked.takeExpired(flow, direction, now.minus(properties.parkTimeout()));
            for (ParkedRecord record : expired) {
                String reason = record.parentKey() == null ? "" : record.parentKey();
                deadLetters.add(
                        reason.startsWith(RETRY_PREFIX)
                                ? new DeadLetter(
                                        flow,
                                        direction,
                                        record.recordKey(),
                                        record.payload(),
                                        reason.substring(RETRY_PREFIX.length()),
                                        "Still refused after " + properties.parkTimeout() + " of retries ("
                                                + record.attempts() + " tries)")
                                : new DeadLetter(
                                        flow,
                                        direction,
                                        record.recordKey(),
                                        record.payload(),
                                        PARENT_NOT_SYNCED,
                                        "Parent " + reason + " was not synced within " + properties.parkTimeout()
                                                + " (parked " + record.attempts() + " times)"),
                        now);
            }
            return expired.size();
        });
    }

    private SalesforceRecord toRecord(ParkedRecord record) {
        try {
            return QueryPageReader.toRecord(json.readValue(record.payload(), FIELDS));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "Parked record " + record.recordKey() + " of flow " + record.flow()
                            + " holds a payload that is not JSON",
                    e);
        }
    }
}
