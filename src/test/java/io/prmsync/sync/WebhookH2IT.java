package io.prmsync.sync;

import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:webhooks;DB_CLOSE_DELAY=-1")
class WebhookH2IT extends WebhookContract {}
