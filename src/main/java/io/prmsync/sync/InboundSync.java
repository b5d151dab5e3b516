package io.prmsync.sync;

import io.prmsync.config.SyncProperties;
import io.prmsync.mapping.RecordMapper;
import io.prmsync.salesforce.ApiUsage;
import io.prmsync.salesforce.InboundQuery;
import io.prmsync.salesforce.QueryPage;
import io.prmsync.salesforce.QueryPageReader;
import io.prmsync.salesforce.SoqlQueries;
import io.prmsync.store.Direction;
import io.prmsync.store.RecordSyncState;
import io.prmsync.store.SyncStateRepository;
import io.prmsync.store.Watermark;
import io.prmsync.store.WatermarkRepository;
import java.io.InputStream;
import io.prmsync.mapping.SalesforceRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * The steps of an inbound (Salesforce to PRM) flow, called from its route: build the query, apply each page,
 * finish. The route does the Salesforce calls through the Salesforce component.
 */
@Component("inboundSync")
public class InboundSync {

    public static final String FLOW_PROPERTY = "prmSyncFlow";
    static final String QUERY_OPTIONS_HEADER = "Sforce-Query-Options";
    static final String SOQL_HEADER = "sObjectQuery";

    private final SyncFlows flows;
    private final WatermarkRepository watermarks;
    private final InboundApplier applier;
    private final SyncRunTracker runs;
    private final QueryPageReader pages;
    private final ApiUsage apiUsage;
    private final SyncProperties properties;
    private final ParkingLot parkingLot;
    private final Clock clock;
    private final SoqlQueries queries;
    private final SyncStateRepository states;
    private final BulkInbound bulk;

    InboundSync(SyncFlows flows, WatermarkRepository watermarks, InboundApplier applier, SyncRunTracker runs,
            QueryPageReader pages, ApiUsage apiUsage, SyncProperties properties, ParkingLot parkingLot, Clock clock,
            SoqlQueries queries, SyncStateRepository states, BulkInbound bulk) {
        this.bulk = bulk;
        this.queries = queries;
        this.states = states;
        this.clock = clock;
        this.parkingLot = parkingLot;
        this.flows = flows;
        this.watermarks = watermarks;
        this.applier = applier;
        this.runs = runs;
        this.pages = pages;
        this.apiUsage = apiUsage;
        this.properties = properties;
    }

    /** Opens the run and puts the SOQL for the records changed since the watermark in the body. */
    public void begin(Exchange exchange, @ExchangeProperty(FLOW_PROPERTY) String flow) {
        RecordMapper mapper = flows.mapper(flow);
        runs.begin(exchange, flow, Direction.INBOUND).ifPresent(run -> {
            Message message = exchange.getMessage();
            if (run.isTargeted()) {
                message.setBody(InboundQuery.byIds(mapper.mapping(), records(message)));
            } else {
                boolean full = "full".equals(message.getHeader(SyncRunTracker.MODE_HEADER));
                Watermark from = full ? Watermark.START : watermarks.get(flow, Direction.INBOUND);
                Watermark reached = watermarks.get(flow, Direction.INBOUND);
                if (!reached.equals(Watermark.START) && (full
                        || reached.stamp().isBefore(clock.instant().minus(properties.recycleBinRetention())))) {
                    run.sweepDeletions();
                }
                Optional<Instant> until = properties.settledBefore(clock.instant());
                message.setBody(InboundQuery.changedAfter(mapper.mapping(), from, until));
                exchange.setProperty(BulkInbound.CANDIDATE_PROPERTY,
                        InboundQuery.changedAfterInAnyOrder(mapper.mapping(), from, until));
            }
            message.setHeader(QUERY_OPTIONS_HEADER, "batchSize=" + properties.queryPageSize());
        });
    }

    /**
     * Applies the page in the body (raw query JSON) and replaces the body with the next page's locator, or null
     * when this was the last page. A first page reporting more records than the bulk threshold is not applied:
     * a Bulk API 2.0 query job reads them instead ({@link BulkInbound}).
     */
    public void applyPage(Exchange exchange, @ExchangeProperty(FLOW_PROPERTY) String flow)
            throws InvalidPayloadException {
        SyncRunContext run = exchange.getProperty(SyncRunContext.PROPERTY, SyncRunContext.class);
        Message message = exchange.getMessage();
        SyncRunContext.countCall(exchange, apiUsage);
        message.removeHeader(SOQL_HEADER);
        QueryPage page = pages.read(message.getMandatoryBody(InputStream.class));
        if (bulk.takesOver(exchange, page.totalSize())) {
            message.setBody(null);
            return;
        }
        run.expectTotal(page.totalSize());
        // A targeted run reads named records out of watermark order: the watermark stays for the scheduled runs.
        run.countInbound(run.isTargeted() ? applier.reapply(flow, flows.mapper(flow), page.records())
                : applier.apply(flow, flows.mapper(flow), page.records()));
        runs.progress(run);
        message.setBody(page.nextRecordsUrl().orElse(null));
    }

    /**
     * Applies again the records parked for want of their parent (now that this run may have brought it) or queued
     * by a dead-letter replay, and dead-letters those that waited too long.
     */
    public void retryParked(Exchange exchange, @ExchangeProperty(FLOW_PROPERTY) String flow) {
        SyncRunContext run = exchange.getProperty(SyncRunContext.PROPERTY, SyncRunContext.class);
        RecordMapper mapper = flows.mapper(flow);
        String after = "";
        for (List<SalesforceRecord> page = parkingLot.inbound(flow, after); !page.isEmpty();
                page = parkingLot.inbound(flow, after)) {
            run.countInbound(applier.reapply(flow, mapper, page));
            after = page.get(page.size() - 1).id();
        }
        run.countExpired(parkingLot.expire(flow, Direction.INBOUND));
    }

    @SuppressWarnings("unchecked")
    static List<String> records(Message message) {
        List<String> records = message.getHeader(SyncRunTracker.RECORDS_HEADER, List.class);
        if (records == null || records.isEmpty()) {
            throw new IllegalArgumentException("A " + SyncRunTracker.RECORDS_MODE + " run needs the records in the "
                    + SyncRunTracker.RECORDS_HEADER + " header");
        }
        return records;
    }

    /**
     * Finds deletions by id when {@code queryAll} can no longer show them (the recycle bin keeps them about 15
     * days): every paired record Salesforce no longer has among the flow's live records is applied as deleted.
     */
    public void sweepDeletions(Exchange exchange, @ExchangeProperty(FLOW_PROPERTY) String flow) {
        SyncRunContext run = exchange.getProperty(SyncRunContext.PROPERTY, SyncRunContext.class);
        if (run == null || !run.needsDeletionSweep()) {
            return;
        }
        RecordMapper mapper = flows.mapper(flow);
        Set<String> live = new HashSet<>();
        queries.forEachPage(InboundQuery.liveIds(mapper.mapping()), page -> {
            run.countApiCall();
            page.records().forEach(record -> live.add(record.id()));
        });
        Instant now = clock.instant();
        String after = "";
        for (List<RecordSyncState> page = states.paired(mapper.mapping().entity(), after, 200);
                !page.isEmpty(); page = states.paired(mapper.mapping().entity(), after, 200)) {
            List<SalesforceRecord> gone = page.stream().filter(state -> !live.contains(state.sfId()))
                    .filter(state -> !InboundApplier.DELETED_IN_SALESFORCE.equals(state.inboundHash()))
                    .map(state -> new SalesforceRecord(mapper.mapping().sObject(), state.sfId(), now, now, true,
                            Map.of()))
                    .toList();
            run.countSweep(applier.reapply(flow, mapper, gone));
            after = page.get(page.size() - 1).prmKey();
        }
    }

    /** True while the body holds a page or a next-page locator. */
    public boolean hasPage(Exchange exchange) {
        return exchange.getMessage().getBody() != null;
    }

    public void finish(Exchange exchange) {
        runs.finish(exchange);
    }
}
