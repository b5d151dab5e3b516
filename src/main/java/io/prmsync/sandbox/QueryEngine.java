package io.prmsync.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.prmsync.sandbox.FilterCompiler.RowFilter;
import io.prmsync.sandbox.SoqlQuery.OrderItem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Checks a SOQL statement against the schema and runs it over the org's rows. */
final class QueryEngine {

    /** The whole result of a query: what a cursor pages through. */
    record Result(int totalSize, List<ObjectNode> records) {}

    private record Ordering(ResolvedPath path, OrderItem item) {}

    private record Row(StoredRecord record, List<Object> sortKeys) {}

    private final Schema schema;

    QueryEngine(Schema schema) {
        this.schema = schema;
    }

    /** A query ready to run; preparing it throws the same errors Salesforce gives before reading any row. */
    final class Prepared {
        private final SoqlQuery query;
        private final ObjectDef from;
        private final List<ResolvedPath> select;
        private final RowFilter where;
        private final List<Ordering> orderBy;

        private Prepared(SoqlQuery query) {
            this.query = query;
            this.from = schema.object(query.from())
                    .orElseThrow(() -> new SoqlException(
                            "INVALID_TYPE",
                            "sObject type '" + query.from()
                                    + "' is not supported. If you are attempting to use a custom"
                                    + " object, be sure to append the '__c' after the entity name. Please reference your WSDL"
                                    + " or the describe call for the appropriate names.",
                            query.fromOffset()));
            this.select = query.fields().stream()
                    .map(p -> ResolvedPath.resolve(schema, from, p))
                    .toList();
            this.where = query.where() == null
                    ? (row, data) -> true
                    : new FilterCompiler(schema, from).compile(query.where());
            this.orderBy = query.orderBy().stream()
                    .map(item -> new Ordering(ResolvedPath.resolve(schema, from, item.field()), item))
                    .toList();
        }

        /** Call with the org's read lock held. */
        Result run(OrgData data, boolean includeDeleted, String apiVersion) {
            List<StoredRecord> rows = matchingRows(data, includeDeleted);
            if (query.count()) {
                return new Result(rows.size(), List.of());
            }
            RecordRenderer renderer = new RecordRenderer(apiVersion);
            return new Result(
                    rows.size(),
                    rows.stream()
                            .map(row -> renderer.selected(row, select, data))
                            .toList());
        }

        /**
         * The selected values of every matching row, in SELECT order, for Bulk API 2.0's CSV; a relationship path
         * whose parent is missing gives null. Call with the org's read lock held.
         */
        List<Object[]> values(OrgData data, boolean includeDeleted) {
            return matchingRows(data, includeDeleted).stream()
                    .map(row ->
                            select.stream().map(path -> path.valueOf(row, data)).toArray())
                    .toList();
        }

        /** The selected fields as written in the statement ({@code PartnerAccount.Name}). */
        List<String> columnNames() {
            return query.fields().stream().map(SoqlQuery.FieldPath::text).toList();
        }

        /** How many long text area fields (text longer than 255 characters) the query selects. */
        long longTextFields() {
            return select.stream()
                    .map(ResolvedPath::field)
                    .filter(field -> field.type() == FieldType.TEXTAREA && field.length() > 255)
                    .count();
        }

        /** {@code SELECT COUNT()}: the only aggregate the parser accepts. */
        boolean aggregate() {
            return query.count();
        }

        ObjectDef from() {
            return from;
        }

        private List<StoredRecord> matchingRows(OrgData data, boolean includeDeleted) {
            List<Row> rows = new ArrayList<>();
            for (StoredRecord record : data.all(from.name())) {
                if ((includeDeleted || !record.deleted()) && where.test(record, data)) {
                    rows.add(new Row(
                            record,
                            orderBy.stream()
                                    .map(o -> o.path().valueOf(record, data))
                                    .toList()));
                }
            }
            if (!orderBy.isEmpty()) {
                rows.sort(comparator());
            }
            int size = query.limit() == null ? rows.size() : Math.min(rows.size(), query.limit());
            return rows.subList(0, size).stream().map(Row::record).toList();
        }

        private Comparator<Row> comparator() {
            return (left, right) -> {
                for (int i = 0; i < orderBy.size(); i++) {
                    int c = compareKeys(
                            orderBy.get(i),
                            left.sortKeys().get(i),
                            right.sortKeys().get(i));
                    if (c != 0) {
                        return c;
                    }
                }
                return 0;
            };
        }
    }

    /** @throws SoqlException for malformed statements and unknown objects or fields */
    Prepared prepare(String soql) {
        return new Prepared(SoqlParser.parse(soql));
    }

    /** Nulls go first unless NULLS LAST, whatever the direction, as the SOQL reference states. */
    private static int compareKeys(Ordering ordering, Object left, Object right) {
        if (left == null || right == null) {
            if (left == right) {
                return 0;
            }
            boolean leftFirst = (left == null) != ordering.item().nullsLast();
            return leftFirst ? -1 : 1;
        }
        int c = FieldValues.compare(ordering.path().field().type(), left, right);
        return ordering.item().descending() ? -c : c;
    }
}
