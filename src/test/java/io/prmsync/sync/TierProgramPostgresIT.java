package io.prmsync.sync;

import io.prmsync.support.EmbeddedPostgres;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class TierProgramPostgresIT extends TierProgramContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgres.register(registry, "tier_program");
    }
}
