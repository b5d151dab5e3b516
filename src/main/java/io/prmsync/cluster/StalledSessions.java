package io.prmsync.cluster;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * A node that stalls in the middle of a commit (a long collection pause, a frozen VM) keeps its transaction open,
 * and with it the lock on its flow's lease row that the commit's fence took: no other node could take the flow over
 * until it woke. On PostgreSQL its session is ended once it has sat idle inside a transaction for a lease's length,
 * which rolls the commit back and frees the row; the woken node finds its connection closed and keeps nothing. The
 * service never waits on anything else while a transaction is open (Salesforce calls happen between commits). A node
 * that stopped half-way through a statement is not idle to PostgreSQL: {@link StalledSessionReaper} ends that one.
 */
@Component
class StalledSessions implements BeanPostProcessor {

    private final ClusterProperties properties;

    StalledSessions(ClusterProperties properties) {
        this.properties = properties;
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool
                && pool.getJdbcUrl() != null
                && pool.getJdbcUrl().startsWith("jdbc:postgresql:")) {
            // Kept beside any init SQL an admin configured (PostgreSQL runs both statements).
            String configured = pool.getConnectionInitSql();
            pool.setConnectionInitSql(
                    configured == null || configured.isBlank()
                            ? sessionSettings(properties)
                            : configured + "; " + sessionSettings(properties));
        }
        return bean;
    }

    static String sessionSettings(ClusterProperties properties) {
        return "SET idle_in_transaction_session_timeout = "
                + properties.leaseDuration().toMillis();
    }
}
