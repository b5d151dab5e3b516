package io.prmsync.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ResultsChunkSizeTest {

    private static final long FOUR_MB = 4L * 1024 * 1024;

    @Test
    void theFirstCallGuessesAKilobyteARecord() {
        assertThat(new ResultsChunkSize(50_000, FOUR_MB).first()).isEqualTo(4_096);
        assertThat(new ResultsChunkSize(1_000, FOUR_MB).first()).isEqualTo(1_000);
    }

    @Test
    void laterCallsFitTheTargetAtTheAverageSizeReadSoFar() {
        ResultsChunkSize size = new ResultsChunkSize(50_000, FOUR_MB);

        assertThat(size.next(4_096, 4_096L * 256))
                .as("narrow records of 256 bytes")
                .isEqualTo(16_384);
        assertThat(size.next(4_096, 4_096L * 4_000))
                .as("wide records of 4,000 bytes")
                .isEqualTo(1_048);
        assertThat(size.next(4_096, 4_096L * 10)).as("tiny records: capped").isEqualTo(50_000);
        assertThat(size.next(0, 0)).as("nothing read yet: the first guess").isEqualTo(4_096);
    }

    @Test
    void aRecordLargerThanTheTargetIsStillAskedForOneAtATime() {
        assertThat(new ResultsChunkSize(50_000, 1_000).next(2, 10_000)).isEqualTo(1);
    }

    @Test
    void aChunkOfNothingIsRefused() {
        assertThatThrownBy(() -> new ResultsChunkSize(0, FOUR_MB)).hasMessageContaining("0 records");
        assertThatThrownBy(() -> new ResultsChunkSize(10, 0)).hasMessageContaining("0 bytes");
    }
}
