package io.prmsync.sync;

import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:partner-accounts;DB_CLOSE_DELAY=-1")
class TierProgramH2IT extends TierProgramContract {}
