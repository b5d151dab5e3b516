package io.prmsync.program;

import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:engagement;DB_CLOSE_DELAY=-1")
class EngagementSyncH2IT extends EngagementSyncContract {}
