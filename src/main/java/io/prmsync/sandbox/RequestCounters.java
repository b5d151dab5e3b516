package io.prmsync.sandbox;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * Requests received per endpoint (failed and faulted ones included), and records sent through collections and
 * Bulk API 2.0 uploads.
 */
public final class RequestCounters {

    private final Map<Endpoint, LongAdder> requests = adders();
    private final Map<Endpoint, LongAdder> records = adders();
    private final Map<Endpoint, Queue<Integer>> batches = batchQueues();

    public long count(Endpoint endpoint) {
        return requests.get(endpoint).sum();
    }

    public long total() {
        return requests.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /**
     * Records carried by the calls of this endpoint: COLLECTION_CREATE, _UPDATE, _UPSERT, _DELETE, and
     * BULK_INGEST_UPLOAD (the CSV rows of each accepted upload).
     */
    public long recordsWritten(Endpoint endpoint) {
        return records.get(endpoint).sum();
    }

    /** Records per call of the endpoint, in arrival order: shows whether a client fills its batches. */
    public List<Integer> batchSizes(Endpoint endpoint) {
        return List.copyOf(batches.get(endpoint));
    }

    public Map<Endpoint, Long> snapshot() {
        Map<Endpoint, Long> copy = new EnumMap<>(Endpoint.class);
        requests.forEach((endpoint, adder) -> copy.put(endpoint, adder.sum()));
        return Collections.unmodifiableMap(copy);
    }

    public void reset() {
        requests.values().forEach(LongAdder::reset);
        records.values().forEach(LongAdder::reset);
        batches.values().forEach(Queue::clear);
    }

    void increment(Endpoint endpoint) {
        requests.get(endpoint).increment();
    }

    void addRecords(Endpoint endpoint, int count) {
        records.get(endpoint).add(count);
        batches.get(endpoint).add(count);
    }

    private static Map<Endpoint, LongAdder> adders() {
        Map<Endpoint, LongAdder> map = new EnumMap<>(Endpoint.class);
        for (Endpoint endpoint : Endpoint.values()) {
            map.put(endpoint, new LongAdder());
        }
        return Collections.unmodifiableMap(map);
    }

    private static Map<Endpoint, Queue<Integer>> batchQueues() {
        Map<Endpoint, Queue<Integer>> map = new EnumMap<>(Endpoint.class);
        for (Endpoint endpoint : Endpoint.values()) {
            map.put(endpoint, new ConcurrentLinkedQueue<>());
        }
        return Collections.unmodifiableMap(map);
    }
}
