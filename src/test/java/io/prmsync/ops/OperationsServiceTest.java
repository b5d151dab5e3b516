package io.prmsync.ops;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The service as operators see it, one context for the tests of its metrics and its API document. Spring Boot
 * tests replace exporting meter registries with a simple one unless told otherwise; the Bulk API threshold is
 * lowered so the sample program's full runs use query jobs too.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@AutoConfigureObservability
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:operations;DB_CLOSE_DELAY=-1",
            "prm-sync.admin.tokens=" + OperationsServiceTest.TOKEN,
            "prm-sync.schedule.first-run-delay=3600000",
            "prm-sync.sync.bulk.threshold=20"
        })
@interface OperationsServiceTest {
    String TOKEN = "operations-token-4f1c";
}
