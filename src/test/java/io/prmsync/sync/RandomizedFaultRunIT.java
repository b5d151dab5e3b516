package io.prmsync.sync;

import org.springframework.test.context.TestPropertySource;

/** The fault run on H2, through REST query pages and sObject Collections. */
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:fault-run;DB_CLOSE_DELAY=-1")
class RandomizedFaultRunIT extends RandomizedFaultRunContract {

    @Override
    boolean throughBulkJobs() {
        return false;
    }
}
