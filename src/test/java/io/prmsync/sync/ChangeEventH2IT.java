package io.prmsync.sync;

import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:change-events;DB_CLOSE_DELAY=-1")
class ChangeEventH2IT extends ChangeEventContract {}
