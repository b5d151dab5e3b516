package io.prmsync.sync;

import io.prmsync.support.EmbeddedPostgres;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** The fault run on PostgreSQL, with runs of more than 1,000 records going through Bulk API 2.0 jobs. */
@TestPropertySource(properties = {"prm-sync.sync.bulk.threshold=1000", "prm-sync.sync.bulk.poll-interval=PT0.05S"})
class RandomizedFaultRunBulkPostgresIT extends RandomizedFaultRunContract {

    @Override
    boolean throughBulkJobs() {
        return true;
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgres.register(registry, "fault_run");
    }
}
