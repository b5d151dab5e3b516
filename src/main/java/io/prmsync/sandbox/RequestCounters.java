package io.prmsync.sandbox;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Requests received per endpoint (failed and faulted ones included), and records sent through collections. */
public final class RequestCounters {

    private final Map<Endpoint, LongAdder> requests = adders();
    private final Map<Endpoint, LongAdder> records = adders();

    public long count(Endpoint endpoint) {
        return requests.get(endpoint).sum();
    }

    public long total() {
        return requests.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Records carried by the collection calls of this endpoint (COLLECTION_CREATE, _UPDATE, _UPSERT, _DELETE). */
    public long recordsWritten(Endpoint endpoint) {
        return records.get(endpoint).sum();
    }

    public Map<Endpoint, Long> snapshot() {
        Map<Endpoint, Long> copy = new EnumMap<>(Endpoint.class);
        requests.forEach((endpoint, adder) -> copy.put(endpoint, adder.sum()));
        return Collections.unmodifiableMap(copy);
    }

    public void reset() {
        requests.values().forEach(LongAdder::reset);
        records.values().forEach(LongAdder::reset);
    }

    void increment(Endpoint endpoint) {
        requests.get(endpoint).increment();
    }

    void addRecords(Endpoint endpoint, int count) {
        records.get(endpoint).add(count);
    }

    private static Map<Endpoint, LongAdder> adders() {
        Map<Endpoint, LongAdder> map = new EnumMap<>(Endpoint.class);
        for (Endpoint endpoint : Endpoint.values()) {
            map.put(endpoint, new LongAdder());
        }
        return Collections.unmodifiableMap(map);
    }
}
