package io.prmsync.sync.route;

import io.prmsync.config.FlowProperties;
import io.prmsync.config.ScheduleProperties;
import io.prmsync.sync.run.ChangeEventStreams;
import java.util.List;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * A schedule route per flow and direction configured in {@code prm-sync.flows}: a timer that sends a scheduled
 * run to the flow's {@code direct:<flow>-<direction>} route. Runs do not overlap: one that takes longer than the
 * period delays the next. A disabled schedule's route is left stopped. With a coordinator configured, a tick
 * triggers a run only on the node leading the flow ({@link FlowLeadership}). While an inbound flow's change events
 * stream, its ticks poll only once per safety-net period ({@link ChangeEventStreams}).
 */
@Component
class FlowSchedules extends RouteBuilder {

    static final List<String> DIRECTIONS = List.of("inbound", "outbound");

    private final FlowProperties flows;
    private final ScheduleProperties schedule;
    private final FlowLeadership leadership;
    private final ChangeEventStreams changeEvents;

    FlowSchedules(
            FlowProperties flows,
            ScheduleProperties schedule,
            FlowLeadership leadership,
            ChangeEventStreams changeEvents) {
        this.flows = flows;
        this.schedule = schedule;
        this.leadership = leadership;
        this.changeEvents = changeEvents;
    }

    @Override
    public void configure() {
        flows.flows()
                .forEach((flow, definition) -> DIRECTIONS.forEach(direction -> definition
                        .inDirection(direction)
                        .ifPresent(every -> from(uri(flow, direction, every))
                                .routeId(flow + "-" + direction + "-schedule")
                                .autoStartup(every.enabled())
                                .filter(tick -> leadership.mayPoll(flow) && due(flow, direction))
                                .to("direct:" + flow + "-" + direction))));
    }

    /** An inbound flow whose change events stream polls only as a safety net. */
    private boolean due(String flow, String direction) {
        return !"inbound".equals(direction) || changeEvents.takeScheduledPoll(flow);
    }

    private String uri(String flow, String direction, FlowProperties.Schedule every) {
        return "timer:" + flow + "-" + direction + "?delay="
                + schedule.firstRunDelay().toMillis() + "&period="
                + every.period().toMillis();
    }
}
