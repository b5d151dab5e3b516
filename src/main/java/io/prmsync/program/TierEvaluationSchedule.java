package io.prmsync.program;

import io.prmsync.cluster.ClusterTasks;
import io.prmsync.config.ScheduleProperties;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Whether this node's timer for the evaluation of every partner should run it now: every node has the timer, and
 * the first whose timer fires once a period ({@code prm-sync.schedule.tier-evaluation}) has passed since any node
 * began one claims it in the store. A node that dies half-way leaves the rest to the next period; partners whose
 * records change are evaluated when their runs end in any case.
 */
@Component("tierEvaluationSchedule")
public class TierEvaluationSchedule {

    private static final Logger log = LoggerFactory.getLogger(TierEvaluationSchedule.class);

    private final ClusterTasks tasks;
    private final Duration period;

    TierEvaluationSchedule(ClusterTasks tasks, ScheduleProperties schedule) {
        this.tasks = tasks;
        this.period = schedule.tierEvaluation();
    }

    /** Claims this period's evaluation for this node; false when another node (or this one) began it already. */
    public boolean claim() {
        if (tasks.claimIfDue(TierEvaluation.TASK, period)) {
            return true;
        }
        tasks.lastRun(TierEvaluation.TASK)
                .ifPresent(last -> log.debug(
                        "Every partner's tier was evaluated from {} by {}; the next evaluation is due {} after it",
                        last.startedAt(),
                        last.startedBy(),
                        period));
        return false;
    }

    /** Records that this period's evaluation ended. */
    public void finished() {
        tasks.finished(TierEvaluation.TASK);
    }
}
