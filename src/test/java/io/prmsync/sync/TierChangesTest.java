package io.prmsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.prmsync.sync.run.FlowTrigger;
import io.prmsync.sync.run.Mode;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TierChangesTest {

    @Test
    void changesAddUpWithoutRepeatingAPartner() {
        TierChanges changes = TierChanges.of(List.of("P-1", "P-2")).and(TierChanges.of(List.of("P-2", "P-3")));

        assertThat(changes.partnerIds()).containsExactly("P-1", "P-2", "P-3");
        assertThat(changes.tooManyToName()).isFalse();
        assertThat(TierChanges.none().isEmpty()).isTrue();
    }

    @Test
    void pastTheLimitOnlyTheFactIsKeptAndTheFollowUpReadsChangesAsUsual() {
        List<String> many = IntStream.rangeClosed(1, TierChanges.NAMED_AT_MOST)
                .mapToObj(i -> "P-" + i)
                .toList();
        TierChanges atLimit = TierChanges.of(many);
        TierChanges past = atLimit.and(TierChanges.of(List.of("P-one-more")));

        assertThat(atLimit.partnerIds()).hasSize(TierChanges.NAMED_AT_MOST);
        assertThat(past.tooManyToName()).isTrue();
        assertThat(past.partnerIds()).isEmpty();
        assertThat(past.isEmpty()).isFalse();
        assertThat(past.and(TierChanges.of(List.of("P-x"))).tooManyToName()).isTrue();

        assertThat(FlowTrigger.scheduled().followUp(past).mode()).isEqualTo(Mode.INCREMENTAL);
        assertThat(FlowTrigger.scheduled().followUp(TierChanges.none()).mode()).isEqualTo(Mode.INCREMENTAL);
        FlowTrigger named = FlowTrigger.scheduled().followUp(atLimit);
        assertThat(named.mode()).isEqualTo(Mode.RECORDS);
        assertThat(named.records()).isEqualTo(many);
        assertThat(named.urgent()).isFalse();
    }
}
