package io.prmsync.sync.inbound;

import io.prmsync.config.SyncProperties;
import io.prmsync.mapping.DeletePolicy;
import io.prmsync.mapping.RecordMapper;
import io.prmsync.mapping.SalesforceRecord;
import io.prmsync.salesforce.InboundQuery;
import io.prmsync.salesforce.QueryPage;
import io.prmsync.salesforce.SalesforceCalls;
import io.prmsync.store.Direction;
import io.prmsync.store.RecheckRepository;
import io.prmsync.store.RecordSyncState;
import io.prmsync.store.SweepRepository;
import io.prmsync.store.SyncStateRepository;
import io.prmsync.store.Watermark;
import io.prmsync.store.WatermarkRepository;
import io.prmsync.sync.ParkingLot;
import io.prmsync.sync.run.FlowRun;
import io.prmsync.sync.run.RunControl;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The steps of an inbound (Salesforce to PRM) run: read what changed since the watermark page by page, each page
 * committed with its watermark before the next is read; retry parked records; find deletions Salesforce's recycle
 * bin no longer shows. A first page that reports more records than the bulk threshold hands the run to a Bulk
 * API 2.0 query job ({@link BulkInbound}).
 */
@Component
public class InboundSync {

    private static final Logger log = LoggerFactory.getLogger(InboundSync.class);

    /** Paired records compared per step of a deletion sweep. */
    static final int SWEEP_PAGE = 200;

    private final WatermarkRepository watermarks;
    private final InboundApplier applier;
    private final RunControl runs;
    private final SyncProperties properties;
    private final ParkingLot parkingLot;
    private final Clock clock;
    private final SyncStateRepository states;
    private final BulkInbound bulk;
    private final SweepRepository sweeps;
    private final RecheckRepository rechecks;
    /** Reads the next page of a run while the run applies the current one; a thread per run at most. */
    private final ExecutorService readAhead = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "inbound-read-ahead");
        thread.setDaemon(true);
        return thread;
    });

    InboundSync(
            WatermarkRepository watermarks,
            InboundApplier applier,
            RunControl runs,
            SyncProperties properties,
            ParkingLot parkingLot,
            Clock clock,
            SyncStateRepository states,
            BulkInbound bulk,
            SweepRepository sweeps,
            RecheckRepository rechecks) {
        this.sweeps = sweeps;
        this.rechecks = rechecks;
        this.watermarks = watermarks;
        this.applier = applier;
        this.runs = runs;
        this.properties = properties;
        this.parkingLot = parkingLot;
        this.clock = clock;
        this.states = states;
        this.bulk = bulk;
    }

    /** Reads and applies the records the run is about: those changed since the watermark, or the named ones. */
    public void readChanges(FlowRun run, SalesforceCalls salesforce) {
        RecordMapper mapper = run.mapper();
        if (run.isTargeted()) {
            // Named records are read out of watermark order: the watermark stays for the scheduled runs.
            applyPages(
                    run,
                    salesforce,
                    salesforce.queryAll(
                            InboundQuery.byIds(mapper.mapping(), run.records()), properties.queryPageSize()),
                    false);
            return;
        }
        Watermark reached = watermarks.get(run.flow(), Direction.INBOUND);
        Instant startedReading = clock.instant();
        boolean readsAll = run.isFull() || reached.equals(Watermark.START) || recheckDue(run, startedReading);
        Watermark from = readsAll
                ? Watermark.START
                : reached.withOverlap(watermarks.readUntil(run.flow(), Direction.INBOUND), properties.overlap());
        planSweep(run, reached);
        Optional<Instant> until = properties.settledBefore(startedReading);
        QueryPage first = salesforce.queryAll(
                InboundQuery.changedAfter(mapper.mapping(), from, until), properties.queryPageSize());
        if (properties.bulk().isUsedAbove(first.totalSize())) {
            // The page only told how many; a query job brings the same records again, in bigger pieces.
            bulk.read(run, salesforce, InboundQuery.changedAfterInAnyOrder(mapper.mapping(), from, until));
        } else {
            applyPages(run, salesforce, first, true);
        }
        watermarks.readUntil(run.flow(), Direction.INBOUND, until.orElse(startedReading));
        if (readsAll && mapper.mapping().recheckEvery().isPresent()) {
            rechecks.rechecked(run.flow(), startedReading);
        }
    }

    /**
     * Whether the flow reads every record again for the fields its mapping rechecks (formula and roll-up fields,
     * whose changes do not move SystemModstamp): once per the shortest {@code recheck} period.
     */
    private boolean recheckDue(FlowRun run, Instant now) {
        Optional<java.time.Duration> every = run.mapper().mapping().recheckEvery();
        if (every.isEmpty()) {
            return false;
        }
        boolean due = rechecks.lastRechecked(run.flow())
                .map(last -> !last.isAfter(now.minus(every.get())))
                .orElse(true);
        if (due) {
            log.info(
                    "{} reads every record again: its calculated fields are rechecked every {}",
                    run.flow(),
                    every.get());
        }
        return due;
    }

    /**
     * Applies the pages one after the other, each in its own transaction, while the next one is read and parsed:
     * reading waits on Salesforce and applying on the store, so the two overlap. A page that fails to apply stops
     * the run once the page being read ahead has arrived (it is dropped); the watermark stays where the last
     * committed page left it.
     */
    private void applyPages(FlowRun run, SalesforceCalls salesforce, QueryPage first, boolean inWatermarkOrder) {
        run.expectTotal(first.totalSize());
        QueryPage page = first;
        while (true) {
            Optional<CompletableFuture<QueryPage>> next = page.nextRecordsUrl()
                    .map(url -> CompletableFuture.supplyAsync(() -> salesforce.queryMore(url), readAhead));
            try {
                run.countInbound(
                        inWatermarkOrder
                                ? applier.apply(run.flow(), run.mapper(), page.records())
                                : applier.reapply(run.flow(), run.mapper(), page.records()));
                runs.progress(run);
            } catch (RuntimeException applyFailed) {
                // The run ends only after its read-ahead has: no call of it outlives the run's lock.
                next.ifPresent(InboundSync::awaitQuietly);
                throw applyFailed;
            }
            if (next.isEmpty()) {
                return;
            }
            page = joined(next.get());
        }
    }

    private static void awaitQuietly(CompletableFuture<QueryPage> read) {
        try {
            read.join();
        } catch (RuntimeException ignored) {
            // The run is failing for the reason already thrown; this page is read again next time.
        }
    }

    private static QueryPage joined(CompletableFuture<QueryPage> read) {
        try {
            return read.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    @PreDestroy
    void stopReadingAhead() {
        readAhead.shutdownNow();
    }

    /**
     * Applies again the records parked for want of their parent (now that this run may have brought it) or queued
     * by a dead-letter replay, and dead-letters those that waited too long.
     */
    public void retryParked(FlowRun run) {
        String after = "";
        for (List<SalesforceRecord> page = parkingLot.inbound(run.flow(), after);
                !page.isEmpty();
                page = parkingLot.inbound(run.flow(), after)) {
            run.countInbound(applier.reapply(run.flow(), run.mapper(), page));
            after = page.get(page.size() - 1).id();
        }
        run.countExpired(parkingLot.expire(run.flow(), Direction.INBOUND));
    }

    /**
     * A sweep that would delete more than {@code prm-sync.sync.sweep-max-share} of the flow's paired records stops
     * the run instead: an empty or short list of live ids more likely means the integration user lost access to
     * the object, or a record filter changed, than that Salesforce lost most of the partners. The refused sweep
     * counts as done, so the flow does not scan every id again on each run; a full resync sweeps again.
     */
    private void refuseMassDeletion(FlowRun run, String entity, Instant started) {
        long compared = states.countSweepable(entity);
        long gone = states.countPairedButUnseen(entity, run.flow(), started);
        if (compared == 0 || gone / (double) compared <= properties.sweepMaxShare()) {
            return;
        }
        sweeps.forgetSeen(run.flow());
        sweeps.swept(run.flow(), started);
        throw new IllegalStateException(String.format(
                "Deletion sweep of %s refused: %d of %d paired records are not among the live records Salesforce"
                        + " lists (%.0f%%, more than prm-sync.sync.sweep-max-share %.0f%%). Check the integration"
                        + " user's access to %s and the mapping's record filter; if the deletions are real, raise"
                        + " the share and run a full resync, which sweeps again.",
                run.flow(),
                gone,
                compared,
                100.0 * gone / compared,
                properties.sweepMaxShare() * 100,
                run.mapper().mapping().sObject()));
    }

    /**
     * A full resync sweeps; so does a flow whose last sweep is older than the recycle bin's retention, however
     * quiet it was meanwhile (deletions that left the bin, and hard deletes, which never entered it, are only
     * found by id). A flow's first read, from the start, pairs only records alive then: it counts as a sweep.
     */
    private void planSweep(FlowRun run, Watermark reached) {
        Instant now = clock.instant();
        if (run.mapper().mapping().deletes().fromSalesforce() == DeletePolicy.FromSalesforce.IGNORE) {
            return; // deletions found would be ignored anyway
        }
        if (run.isFull()) {
            run.sweepDeletions();
        } else if (reached.equals(Watermark.START)) {
            sweeps.swept(run.flow(), now);
        } else if (sweeps.lastSwept(run.flow())
                .map(last -> last.isBefore(now.minus(properties.recycleBinRetention())))
                .orElse(true)) {
            run.sweepDeletions();
        }
    }

    /**
     * Finds deletions by id: the ids of the flow's live records are read into the store page by page, and every
     * paired record not among them is applied as deleted. Nothing here grows with the number of records.
     */
    public void sweepDeletions(FlowRun run, SalesforceCalls salesforce) {
        if (!run.needsDeletionSweep()) {
            return;
        }
        RecordMapper mapper = run.mapper();
        Instant started = clock.instant();
        sweeps.forgetSeen(run.flow());
        salesforce.forEachPage(
                InboundQuery.liveIds(mapper.mapping()),
                page -> sweeps.seen(
                        run.flow(),
                        page.records().stream().map(SalesforceRecord::id).toList()));
        String entity = mapper.mapping().entity();
        refuseMassDeletion(run, entity, started);
        String after = "";
        for (List<RecordSyncState> page = states.pairedButUnseen(entity, run.flow(), started, after, SWEEP_PAGE);
                !page.isEmpty();
                page = states.pairedButUnseen(entity, run.flow(), started, after, SWEEP_PAGE)) {
            Instant now = clock.instant();
            List<SalesforceRecord> gone = page.stream()
                    .map(state ->
                            new SalesforceRecord(mapper.mapping().sObject(), state.sfId(), now, now, true, Map.of()))
                    .toList();
            run.countSweep(applier.reapply(run.flow(), mapper, gone));
            after = page.get(page.size() - 1).prmKey();
        }
        sweeps.forgetSeen(run.flow());
        sweeps.swept(run.flow(), started);
    }
}
