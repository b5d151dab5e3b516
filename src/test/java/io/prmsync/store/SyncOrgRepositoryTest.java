package io.prmsync.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.prmsync.support.MigratedStore;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class SyncOrgRepositoryTest {

    @Test
    void nodesRecordingTheOrgAtOnceAllKeepTheFirstOnesRecord() {
        JdbcClient jdbc = JdbcClient.create(MigratedStore.create("sync-org"));
        SyncOrgRepository nodeA = new SyncOrgRepository(jdbc);
        SyncOrgRepository nodeB = new SyncOrgRepository(jdbc);

        assertThat(nodeA.recordFirst("00D000000000001EAA", Instant.now())).isEqualTo("00D000000000001EAA");
        // The second node found no record a moment ago and inserts too: no failure, the same answer.
        assertThat(nodeB.recordFirst("00D000000000001EAA", Instant.now())).isEqualTo("00D000000000001EAA");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sync_org").query(Long.class).single())
                .isEqualTo(1);
    }
}
