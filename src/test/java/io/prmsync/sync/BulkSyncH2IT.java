package io.prmsync.sync;

import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:bulk-sync;DB_CLOSE_DELAY=-1")
class BulkSyncH2IT extends BulkSyncContract {}
