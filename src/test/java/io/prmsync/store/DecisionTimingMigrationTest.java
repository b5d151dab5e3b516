package io.prmsync.store;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * V15 on a store that already holds decisions: those recorded as they arrived already made (dated the day their
 * registration reached the store) go, since when they were made is unknown; one seen happening later stays.
 */
class DecisionTimingMigrationTest {

    @Test
    void forgetsDecisionsThatArrivedMadeAndKeepsThoseSeenHappening() {
        DataSource store =
                new DriverManagerDataSource("jdbc:h2:mem:decision-timing-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(store).target("14").load().migrate();
        JdbcClient jdbc = JdbcClient.create(store);
        jdbc.sql("INSERT INTO partner_account (partner_id, name, created_at, updated_at)"
                        + " VALUES ('P-1', 'Acme', TIMESTAMP '2026-01-05 09:00:00', TIMESTAMP '2026-01-05 09:00:00')")
                .update();
        for (String deal : new String[] {"D-history", "D-seen"}) {
            jdbc.sql("INSERT INTO deal_registration (deal_id, partner_id, customer_company, registration_status,"
                            + " created_at, updated_at) VALUES (:id, 'P-1', 'Globex', 'Approved',"
                            + " TIMESTAMP '2026-01-05 09:00:00', TIMESTAMP '2026-01-09 09:00:00')")
                    .param("id", deal)
                    .update();
        }
        jdbc.sql("INSERT INTO deal_decision (deal_id, partner_id, status, decided_on) VALUES"
                        + " ('D-history', 'P-1', 'APPROVED', DATE '2026-01-05'),"
                        + " ('D-seen', 'P-1', 'APPROVED', DATE '2026-01-09')")
                .update();

        Flyway.configure().dataSource(store).load().migrate();

        assertThat(jdbc.sql("SELECT deal_id FROM deal_decision")
                        .query(String.class)
                        .list())
                .containsExactly("D-seen");
    }
}
