package io.prmsync.sync.check;

import io.prmsync.mapping.EntityMapping;
import io.prmsync.salesforce.ObjectDescription;
import io.prmsync.salesforce.SalesforceGateway;
import io.prmsync.store.JdbcColumnCatalog;
import io.prmsync.sync.run.FlowBlocks;
import io.prmsync.sync.run.SyncFlows;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Checks a flow's mapping against the org (describe of its object): problems stop the flow, shown in status and
 * the log, until a check passes; warnings are logged and returned. One describe call per check.
 */
@Component
public class OrgCheck {

    private static final Logger log = LoggerFactory.getLogger(OrgCheck.class);
    private static final String CAUSE = "org-check";

    private final SyncFlows flows;
    private final SalesforceGateway salesforce;
    private final PrmColumns prmColumns;
    private final FlowBlocks blocks;

    // JdbcTemplate rather than the DataSource: Spring Boot migrates the store before handing out a JdbcTemplate.
    OrgCheck(
            SyncFlows flows,
            SalesforceGateway salesforce,
            JdbcTemplate jdbcTemplate,
            JdbcClient jdbc,
            FlowBlocks blocks) {
        this.flows = flows;
        this.salesforce = salesforce;
        JdbcColumnCatalog catalog = JdbcColumnCatalog.read(Objects.requireNonNull(jdbcTemplate.getDataSource()));
        this.prmColumns = new PrmColumns() {
            @Override
            public OptionalInt textLength(String table, String column) {
                return catalog.textLength(table, column);
            }

            // Table and column come from a mapping validated against the schema.
            @Override
            public Set<String> values(String table, String column, int limit) {
                return Set.copyOf(jdbc.sql("SELECT DISTINCT " + column + " FROM " + table + " WHERE " + column
                                + " IS NOT NULL FETCH FIRST " + limit + " ROWS ONLY")
                        .query((rs, n) -> rs.getString(1))
                        .list());
            }
        };
        this.blocks = blocks;
    }

    /** What the check of one flow found. */
    public record Report(String flow, String mapping, boolean runs, List<Finding> findings) {}

    /**
     * @throws io.prmsync.sync.run.UnknownFlowException when no mapping defines the flow
     */
    public Report check(String flow) {
        EntityMapping mapping = flows.mapper(flow).mapping();
        ObjectDescription org = salesforce.calls().describe(mapping.sObject());
        List<Finding> findings = MappingAgainstOrg.check(mapping, org, prmColumns, MappingLines.of(mapping.source()));
        List<Finding> problems = findings.stream()
                .filter(f -> f.severity() == Finding.Severity.PROBLEM)
                .toList();
        findings.stream()
                .filter(f -> f.severity() == Finding.Severity.WARNING)
                .forEach(warning -> log.warn("{} check: {}", flow, warning));
        if (problems.isEmpty()) {
            blocks.unblock(flow, CAUSE);
        } else {
            String reason = "the org cannot serve the mapping (" + problems.size() + " problem"
                    + (problems.size() == 1 ? "" : "s") + "; fix, then POST /api/sync/" + flow + "/check): "
                    + problems.stream().map(Finding::toString).collect(Collectors.joining("; "));
            blocks.block(flow, CAUSE, reason);
            log.error("{} stopped: {}", flow, reason);
        }
        return new Report(flow, mapping.source(), problems.isEmpty(), findings);
    }
}
