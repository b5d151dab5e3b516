package io.prmsync.sandbox;

import java.util.List;

/** The syntax tree of one SOQL statement, before field names are checked against the schema. */
record SoqlQuery(
        boolean count,
        List<FieldPath> fields,
        String from,
        int fromOffset,
        Condition where,
        List<OrderItem> orderBy,
        Integer limit) {

    /** {@code Name} or {@code PartnerAccount.PRM_Partner_Id__c}, as written. */
    record FieldPath(List<String> segments, int offset) {
        String text() {
            return String.join(".", segments);
        }
    }

    record OrderItem(FieldPath field, boolean descending, boolean nullsLast) {}

    enum Operator {
        EQ,
        NE,
        LT,
        LE,
        GT,
        GE;

        static Operator of(String symbol) {
            return switch (symbol) {
                case "=" -> EQ;
                case "!=", "<>" -> NE;
                case "<" -> LT;
                case "<=" -> LE;
                case ">" -> GT;
                case ">=" -> GE;
                default -> throw new IllegalArgumentException(symbol);
            };
        }
    }

    /** A literal with the token kind it was written as, which decides whether it fits a field's type. */
    record Literal(SoqlToken.Kind kind, Object value, int offset) {
        boolean isNull() {
            return kind == SoqlToken.Kind.IDENT && value == null;
        }
    }

    sealed interface Condition permits And, Or, Not, Comparison, InList, Like {}

    record And(List<Condition> terms) implements Condition {}

    record Or(List<Condition> terms) implements Condition {}

    record Not(Condition term) implements Condition {}

    record Comparison(FieldPath field, Operator operator, Literal value) implements Condition {}

    record InList(FieldPath field, boolean negated, List<Literal> values) implements Condition {}

    record Like(FieldPath field, SoqlToken.StringValue pattern) implements Condition {}
}
