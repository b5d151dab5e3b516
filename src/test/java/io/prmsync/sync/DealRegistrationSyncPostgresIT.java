package io.prmsync.sync;

import io.prmsync.support.EmbeddedPostgres;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class DealRegistrationSyncPostgresIT extends DealRegistrationSyncContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgres.register(registry, "deal_registrations");
    }
}
