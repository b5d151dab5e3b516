package io.prmsync.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;

/**
 * The yardstick for inbound: what the three inbound flows write, written with plain JDBC batches into the same
 * kind of store. Per record, the PRM row with every column its mapping writes and its {@code sync_record_state}
 * row, 1,000 records a transaction (the service's change-stamp triggers fire on updates only, and a first full
 * sync inserts the rows whose columns they watch, so they are left out); accounts and
 * certifications are inserted, deal registrations updated (the benchmark registers them in the portal first, as
 * its flow run finds them). Run once on a throwaway store to warm the JIT and the driver, then timed on a fresh one.
 */
final class RawJdbcBaseline {

    /** A JDBC store to write into; each one is migrated first. */
    record Store(String url, String user, String password) {

        Connection connect() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }
    }

    /** Records per second per flow, and for the three together. */
    record Rates(Map<String, Double> perFlow, double overall) {}

    private static final int PER_TRANSACTION = 1_000;
    private static final String HASH = "0123456789abcdef".repeat(3);

    private final int accounts;
    private final int dealsPerAccount;
    private final int certificationsPerAccount;

    RawJdbcBaseline(int accounts, int dealsPerAccount, int certificationsPerAccount) {
        this.accounts = accounts;
        this.dealsPerAccount = dealsPerAccount;
        this.certificationsPerAccount = certificationsPerAccount;
    }

    Rates measure(Supplier<Store> freshStore) throws SQLException {
        write(freshStore.get());
        return write(freshStore.get());
    }

    private Rates write(Store store) throws SQLException {
        Map<String, Double> rates = new LinkedHashMap<>();
        long records = 0;
        double seconds = 0;
        // Connected first: an in-memory H2 store lives as long as a connection to it, and no longer.
        try (Connection db = store.connect()) {
            Flyway.configure()
                    .dataSource(store.url(), store.user(), store.password())
                    .load()
                    .migrate();
            db.setAutoCommit(false);
            double partners = timed(() -> partners(db));
            rates.put("partner-accounts", accounts / partners);
            registerDeals(db);
            int deals = accounts * dealsPerAccount;
            double dealSeconds = timed(() -> deals(db));
            if (deals > 0) {
                rates.put("deal-registrations", deals / dealSeconds);
            }
            int certifications = accounts * certificationsPerAccount;
            double certificationSeconds = timed(() -> certifications(db));
            if (certifications > 0) {
                rates.put("certifications", certifications / certificationSeconds);
            }
            records = (long) accounts + deals + certifications;
            seconds = partners + dealSeconds + certificationSeconds;
        }
        return new Rates(rates, records / seconds);
    }

    private interface Work {
        void run() throws SQLException;
    }

    private static double timed(Work work) throws SQLException {
        long started = System.nanoTime();
        work.run();
        return (System.nanoTime() - started) / 1e9;
    }

    private void partners(Connection db) throws SQLException {
        try (PreparedStatement row = db.prepareStatement("INSERT INTO partner_account (partner_id, name, industry,"
                        + " annual_revenue, employees, billing_street, billing_city, billing_postal_code,"
                        + " billing_country, website, phone, description, tier_override_code,"
                        + " tier_override_expires_on, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement state = syncState(db)) {
            for (int i = 0; i < accounts; i++) {
                OffsetDateTime now = now();
                row.setString(1, partnerKey(i));
                row.setString(2, "bench partner " + i);
                for (int column = 3; column <= 9; column++) {
                    row.setNull(column, column == 4 || column == 5 ? Types.NUMERIC : Types.VARCHAR);
                }
                row.setString(10, "https://partner" + i + ".example");
                row.setString(11, "+1 555 " + i);
                row.setNull(12, Types.VARCHAR);
                row.setNull(13, Types.VARCHAR);
                row.setNull(14, Types.DATE);
                row.setObject(15, now);
                row.setObject(16, now);
                row.addBatch();
                addState(state, "partner-account", partnerKey(i), 1, i, "{\"phone\":\"+1 555 " + i + "\"}");
                flushEvery(db, i, row, state);
            }
            flush(db, row, state);
        }
    }

    /** Untimed, as in the benchmark: the portal registered the deals before Salesforce's copies arrive. */
    private void registerDeals(Connection db) throws SQLException {
        try (PreparedStatement row = db.prepareStatement("INSERT INTO deal_registration (deal_id, partner_id,"
                + " customer_company, customer_contact, amount, currency, created_at, updated_at)"
                + " VALUES (?, ?, ?, 'Buyer', ?, 'USD', ?, ?)")) {
            int n = 0;
            for (int i = 0; i < accounts; i++) {
                for (int d = 0; d < dealsPerAccount; d++) {
                    OffsetDateTime now = now();
                    row.setString(1, dealKey(i, d));
                    row.setString(2, partnerKey(i));
                    row.setString(3, "Customer " + i + "-" + d);
                    row.setInt(4, 10_000 + d);
                    row.setObject(5, now);
                    row.setObject(6, now);
                    row.addBatch();
                    flushEvery(db, n++, row);
                }
            }
            flush(db, row);
        }
    }

    private void deals(Connection db) throws SQLException {
        try (PreparedStatement row = db.prepareStatement("UPDATE deal_registration SET partner_id = ?,"
                        + " customer_company = ?, customer_contact = ?, customer_email = ?, amount = ?, currency = ?,"
                        + " expected_close_date = ?, new_customer = ?, registration_status = ?, rejection_reason = ?,"
                        + " sf_opportunity_id = ?, updated_at = ? WHERE deal_id = ?");
                PreparedStatement state = syncState(db)) {
            int n = 0;
            for (int i = 0; i < accounts; i++) {
                for (int d = 0; d < dealsPerAccount; d++) {
                    row.setString(1, partnerKey(i));
                    row.setString(2, "Customer " + i + "-" + d);
                    row.setString(3, "Buyer");
                    row.setString(4, "buyer" + i + "@customer.example");
                    row.setInt(5, 10_000 + d);
                    row.setString(6, "USD");
                    row.setObject(7, LocalDate.of(2027, 1, 1).plusDays(d));
                    row.setBoolean(8, d == 0);
                    row.setString(9, "APPROVED");
                    row.setNull(10, Types.VARCHAR);
                    row.setNull(11, Types.VARCHAR);
                    row.setObject(12, now());
                    row.setString(13, dealKey(i, d));
                    row.addBatch();
                    addState(state, "deal-registration", dealKey(i, d), 2, n, null);
                    flushEvery(db, n++, row, state);
                }
            }
            flush(db, row, state);
        }
    }

    private void certifications(Connection db) throws SQLException {
        try (PreparedStatement row = db.prepareStatement("INSERT INTO certification (certification_id, partner_id,"
                        + " code, holder_name, holder_email, issued_on, expires_on, status, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement state = syncState(db)) {
            int n = 0;
            for (int i = 0; i < accounts; i++) {
                for (int c = 0; c < certificationsPerAccount; c++) {
                    OffsetDateTime now = now();
                    String key = "C-raw-" + i + "-" + c;
                    row.setString(1, key);
                    row.setString(2, partnerKey(i));
                    row.setString(3, "CERT-" + c);
                    row.setString(4, "Holder " + i);
                    row.setString(5, "holder" + i + "@partner.example");
                    row.setObject(6, LocalDate.of(2026, 1, 1));
                    row.setObject(7, LocalDate.of(2028, 1, 1));
                    row.setString(8, "ACTIVE");
                    row.setObject(9, now);
                    row.setObject(10, now);
                    row.addBatch();
                    addState(
                            state,
                            "certification",
                            key,
                            3,
                            n,
                            "{\"holder_email\":\"holder" + i + "@partner.example\",\"holder_name\":\"Holder " + i
                                    + "\"}");
                    flushEvery(db, n++, row, state);
                }
            }
            flush(db, row, state);
        }
    }

    private static PreparedStatement syncState(Connection db) throws SQLException {
        return db.prepareStatement("INSERT INTO sync_record_state (entity, prm_key, sf_id, inbound_hash, base_values,"
                + " last_inbound_at) VALUES (?, ?, ?, ?, ?, ?)");
    }

    private static void addState(PreparedStatement state, String entity, String key, int kind, int n, String base)
            throws SQLException {
        state.setString(1, entity);
        state.setString(2, key);
        state.setString(3, String.format("%03d%015d", kind, n));
        state.setString(4, HASH + String.format("%016x", n));
        state.setString(5, base);
        state.setObject(6, now());
        state.addBatch();
    }

    private static void flushEvery(Connection db, int n, PreparedStatement... statements) throws SQLException {
        if (n % PER_TRANSACTION == PER_TRANSACTION - 1) {
            flush(db, statements);
        }
    }

    private static void flush(Connection db, PreparedStatement... statements) throws SQLException {
        for (PreparedStatement statement : statements) {
            statement.executeBatch();
        }
        db.commit();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    private static String partnerKey(int i) {
        return "P-raw-" + i;
    }

    private static String dealKey(int i, int d) {
        return "D-raw-" + i + "-" + d;
    }
}
