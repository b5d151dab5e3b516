package io.prmsync.changeevents;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.prmsync.sync.run.ChangeEventStreams;
import io.prmsync.sync.run.ChangeEventStreams.ChannelStatus;
import java.time.Clock;
import java.util.function.ToDoubleFunction;
import org.springframework.stereotype.Component;

/**
 * Each Change Data Capture channel as meters on the node that holds it: whether it streams here, how far behind
 * Salesforce it is, and the events it took, skipped as the service's own, and healed as gaps. An alert on the lag
 * finds a stream that stalled without failing.
 */
@Component
class ChangeEventGauges implements MeterBinder {

    static final String STREAMING = "prm_sync.change_events.streaming";
    static final String LAG = "prm_sync.change_events.lag";
    static final String EVENTS = "prm_sync.change_events.events";
    static final String ECHOES = "prm_sync.change_events.own_writes_skipped";
    static final String GAPS = "prm_sync.change_events.gaps";

    private final ChangeEventStreams streams;
    private final Clock clock;

    ChangeEventGauges(ChangeEventStreams streams, Clock clock) {
        this.streams = streams;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry meters) {
        for (String channel : streams.channels().keySet()) {
            Gauge.builder(STREAMING, () -> of(channel, s -> s.state() == ChangeEventStreams.State.STREAMING ? 1 : 0))
                    .description("1 while the channel's events stream to this node, else 0")
                    .tag("channel", channel)
                    .register(meters);
            Gauge.builder(
                            LAG,
                            () -> of(
                                    channel,
                                    s -> s.lag(clock.instant())
                                            .map(lag -> lag.toMillis() / 1000.0)
                                            .orElse(Double.NaN)))
                    .description("Now minus the commit time of the last event this node took from the channel")
                    .baseUnit("seconds")
                    .tag("channel", channel)
                    .register(meters);
            counter(meters, EVENTS, channel, "Change events taken from the channel", s -> s.events());
            counter(
                    meters,
                    ECHOES,
                    channel,
                    "Updates by the service itself skipped without a read",
                    s -> s.echoesSkipped());
            counter(meters, GAPS, channel, "Gap and overflow events, healed by polling", s -> s.gaps());
        }
    }

    private void counter(
            MeterRegistry meters,
            String name,
            String channel,
            String description,
            ToDoubleFunction<ChannelStatus> count) {
        FunctionCounter.builder(name, this, gauges -> gauges.of(channel, count))
                .description(description)
                .tag("channel", channel)
                .register(meters);
    }

    private double of(String channel, ToDoubleFunction<ChannelStatus> reading) {
        return streams.status().stream()
                .filter(status -> status.channel().equals(channel))
                .mapToDouble(reading)
                .findFirst()
                .orElse(Double.NaN);
    }
}
