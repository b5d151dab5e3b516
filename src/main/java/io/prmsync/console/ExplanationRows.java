package io.prmsync.console;

import io.prmsync.tier.CheckResult;
import io.prmsync.tier.Explanation;
import java.util.ArrayList;
import java.util.List;

/** A tier explanation's criterion trees flattened into table rows, nested criteria indented under their group. */
record ExplanationRows(String tierCode, String tierName, String rule, List<Row> rows) {

    record Row(int depth, String criterion, String required, String actual, boolean met) {

        /** The criterion with one leading dot per level, so nesting reads without any style. */
        public String indented() {
            return "· ".repeat(depth) + criterion;
        }
    }

    static List<ExplanationRows> of(Explanation explanation) {
        List<ExplanationRows> tables = new ArrayList<>();
        for (Explanation.TierExplanation tier : explanation.tiers()) {
            tables.add(new ExplanationRows(tier.code(), tier.name(), "promote when", flatten(tier.promoteWhen())));
            tables.add(new ExplanationRows(tier.code(), tier.name(), "keep when", flatten(tier.keepWhen())));
        }
        return tables;
    }

    private static List<Row> flatten(CheckResult root) {
        List<Row> rows = new ArrayList<>();
        add(root, 0, rows);
        return rows;
    }

    private static void add(CheckResult check, int depth, List<Row> rows) {
        rows.add(new Row(depth, check.criterion(), check.required(), check.actual(), check.met()));
        check.parts().forEach(part -> add(part, depth + 1, rows));
    }
}
