package io.prmsync.sandbox;

import io.prmsync.sandbox.SoqlQuery.Condition;
import io.prmsync.sandbox.SoqlQuery.FieldPath;
import io.prmsync.sandbox.SoqlQuery.Literal;
import io.prmsync.sandbox.SoqlQuery.OrderItem;
import io.prmsync.sandbox.SoqlToken.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Recursive-descent parser for the SOQL subset prm-sync needs. Like Salesforce it refuses AND and OR mixed at one
 * level without parentheses, instead of guessing a precedence.
 */
final class SoqlParser {

    private static final Set<String> RESERVED = Set.of(
            "SELECT",
            "FROM",
            "WHERE",
            "AND",
            "OR",
            "NOT",
            "IN",
            "LIKE",
            "ORDER",
            "BY",
            "LIMIT",
            "OFFSET",
            "ASC",
            "DESC",
            "NULLS",
            "NULL",
            "TRUE",
            "FALSE",
            "GROUP",
            "HAVING",
            "WITH",
            "USING",
            "INCLUDES",
            "EXCLUDES");

    private final List<SoqlToken> tokens;
    private int pos;

    private SoqlParser(List<SoqlToken> tokens) {
        this.tokens = tokens;
    }

    /** @throws SoqlException MALFORMED_QUERY */
    static SoqlQuery parse(String soql) {
        return new SoqlParser(SoqlLexer.tokenize(soql)).query();
    }

    private SoqlQuery query() {
        expectKeyword("SELECT");
        boolean count = false;
        List<FieldPath> fields = new ArrayList<>();
        if (current().isKeyword("COUNT") && peek(1).kind() == Kind.LPAREN) {
            pos++;
            expect(Kind.LPAREN);
            expect(Kind.RPAREN);
            count = true;
        } else {
            do {
                fields.add(path());
            } while (accept(Kind.COMMA));
        }
        expectKeyword("FROM");
        SoqlToken from = identifier();
        Condition where = acceptKeyword("WHERE") ? condition() : null;
        List<OrderItem> orderBy = new ArrayList<>();
        if (acceptKeyword("ORDER")) {
            expectKeyword("BY");
            do {
                orderBy.add(orderItem());
            } while (accept(Kind.COMMA));
        }
        Integer limit = acceptKeyword("LIMIT") ? limit() : null;
        expect(Kind.EOF);
        return new SoqlQuery(count, fields, from.text(), from.offset(), where, orderBy, limit);
    }

    private Condition condition() {
        Condition first = unary();
        if (!current().isKeyword("AND") && !current().isKeyword("OR")) {
            return first;
        }
        String joiner = current().upper();
        List<Condition> terms = new ArrayList<>(List.of(first));
        while (acceptKeyword(joiner)) {
            terms.add(unary());
        }
        if (current().isKeyword("AND") || current().isKeyword("OR")) {
            throw unexpected(current());
        }
        return joiner.equals("AND") ? new SoqlQuery.And(terms) : new SoqlQuery.Or(terms);
    }

    private Condition unary() {
        if (acceptKeyword("NOT")) {
            return new SoqlQuery.Not(unary());
        }
        if (accept(Kind.LPAREN)) {
            Condition inner = condition();
            expect(Kind.RPAREN);
            return inner;
        }
        FieldPath field = path();
        if (acceptKeyword("IN")) {
            return new SoqlQuery.InList(field, false, literalList());
        }
        if (acceptKeyword("NOT")) {
            expectKeyword("IN");
            return new SoqlQuery.InList(field, true, literalList());
        }
        if (acceptKeyword("LIKE")) {
            SoqlToken pattern = expect(Kind.STRING);
            return new SoqlQuery.Like(field, (SoqlToken.StringValue) pattern.value());
        }
        SoqlToken operator = expect(Kind.OPERATOR);
        return new SoqlQuery.Comparison(field, SoqlQuery.Operator.of(operator.text()), literal());
    }

    private List<Literal> literalList() {
        expect(Kind.LPAREN);
        if (current().isKeyword("SELECT")) {
            throw new SoqlException(
                    "MALFORMED_QUERY",
                    "semi-join sub-selects are not supported by the org simulator",
                    current().offset());
        }
        List<Literal> values = new ArrayList<>();
        do {
            values.add(literal());
        } while (accept(Kind.COMMA));
        expect(Kind.RPAREN);
        return values;
    }

    private Literal literal() {
        SoqlToken token = current();
        pos++;
        return switch (token.kind()) {
            case STRING -> new Literal(Kind.STRING, ((SoqlToken.StringValue) token.value()).text(), token.offset());
            case NUMBER, DATE, DATETIME -> new Literal(token.kind(), token.value(), token.offset());
            case IDENT ->
                switch (token.upper()) {
                    case "TRUE" -> new Literal(Kind.IDENT, Boolean.TRUE, token.offset());
                    case "FALSE" -> new Literal(Kind.IDENT, Boolean.FALSE, token.offset());
                    case "NULL" -> new Literal(Kind.IDENT, null, token.offset());
                    default -> throw unexpected(token);
                };
            default -> throw unexpected(token);
        };
    }

    private OrderItem orderItem() {
        FieldPath field = path();
        boolean descending = acceptKeyword("DESC");
        if (!descending) {
            acceptKeyword("ASC");
        }
        boolean nullsLast = false;
        if (acceptKeyword("NULLS")) {
            if (acceptKeyword("LAST")) {
                nullsLast = true;
            } else {
                expectKeyword("FIRST");
            }
        }
        return new OrderItem(field, descending, nullsLast);
    }

    private Integer limit() {
        SoqlToken token = expect(Kind.NUMBER);
        if (token.text().contains(".") || token.text().startsWith("-")) {
            throw unexpected(token);
        }
        return Integer.valueOf(token.text());
    }

    private FieldPath path() {
        SoqlToken first = identifier();
        List<String> segments = new ArrayList<>(List.of(first.text()));
        while (accept(Kind.DOT)) {
            segments.add(identifier().text());
        }
        return new FieldPath(segments, first.offset());
    }

    private SoqlToken identifier() {
        SoqlToken token = current();
        if (token.kind() != Kind.IDENT || RESERVED.contains(token.upper())) {
            throw unexpected(token);
        }
        pos++;
        return token;
    }

    private SoqlToken current() {
        return tokens.get(pos);
    }

    private SoqlToken peek(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    private boolean accept(Kind kind) {
        if (current().kind() == kind) {
            pos++;
            return true;
        }
        return false;
    }

    private boolean acceptKeyword(String keyword) {
        if (current().isKeyword(keyword)) {
            pos++;
            return true;
        }
        return false;
    }

    private SoqlToken expect(Kind kind) {
        SoqlToken token = current();
        if (token.kind() != kind) {
            throw unexpected(token);
        }
        pos++;
        return token;
    }

    private void expectKeyword(String keyword) {
        if (!acceptKeyword(keyword)) {
            throw unexpected(current());
        }
    }

    private static SoqlException unexpected(SoqlToken token) {
        return new SoqlException("MALFORMED_QUERY", "unexpected token: '" + token.shown() + "'", token.offset());
    }
}
