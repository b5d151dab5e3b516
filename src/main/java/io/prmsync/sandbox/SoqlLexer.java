package io.prmsync.sandbox;

import io.prmsync.sandbox.SoqlToken.Kind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splits SOQL into tokens, decoding string, number, date and datetime literals with Salesforce's rules. */
final class SoqlLexer {

    private static final Pattern DATETIME =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:?\\d{2})");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(?![0-9T])");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?(?![A-Za-z_])");
    private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern OPERATOR = Pattern.compile("!=|<>|<=|>=|=|<|>");

    private final String soql;
    private final Matcher matcher;
    private int pos;

    private SoqlLexer(String soql) {
        this.soql = soql;
        this.matcher = Pattern.compile("").matcher(soql);
    }

    static List<SoqlToken> tokenize(String soql) {
        return new SoqlLexer(soql).run();
    }

    private List<SoqlToken> run() {
        List<SoqlToken> tokens = new ArrayList<>();
        while (true) {
            while (pos < soql.length() && Character.isWhitespace(soql.charAt(pos))) {
                pos++;
            }
            if (pos >= soql.length()) {
                tokens.add(new SoqlToken(Kind.EOF, "", null, pos));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private SoqlToken next() {
        char c = soql.charAt(pos);
        switch (c) {
            case ',':
                return single(Kind.COMMA);
            case '.':
                return single(Kind.DOT);
            case '(':
                return single(Kind.LPAREN);
            case ')':
                return single(Kind.RPAREN);
            case '\'':
                return string();
            default:
                break;
        }
        int start = pos;
        try {
            if (lookingAt(DATETIME)) {
                return new SoqlToken(Kind.DATETIME, text(start), FieldValues.parseDateTime(text(start)), start);
            }
            if (lookingAt(DATE)) {
                return new SoqlToken(Kind.DATE, text(start), LocalDate.parse(text(start)), start);
            }
        } catch (DateTimeParseException e) {
            throw new SoqlException(
                    "MALFORMED_QUERY",
                    "line 1:" + start + " no viable alternative at character '" + text(start) + "'",
                    start);
        }
        if (lookingAt(NUMBER)) {
            return new SoqlToken(Kind.NUMBER, text(start), new BigDecimal(text(start)), start);
        }
        if (lookingAt(IDENT)) {
            return new SoqlToken(Kind.IDENT, text(start), null, start);
        }
        if (lookingAt(OPERATOR)) {
            return new SoqlToken(Kind.OPERATOR, text(start), null, start);
        }
        throw new SoqlException("MALFORMED_QUERY", "unexpected token: '" + c + "'", start);
    }

    private SoqlToken single(Kind kind) {
        pos++;
        return new SoqlToken(kind, soql.substring(pos - 1, pos), null, pos - 1);
    }

    private SoqlToken string() {
        int start = pos++;
        StringBuilder value = new StringBuilder();
        StringBuilder like = new StringBuilder();
        while (pos < soql.length()) {
            char c = soql.charAt(pos++);
            if (c == '\'') {
                return new SoqlToken(
                        Kind.STRING,
                        soql.substring(start, pos),
                        new SoqlToken.StringValue(value.toString(), like.toString()),
                        start);
            }
            if (c == '\\') {
                char escaped = escape(start);
                value.append(escaped);
                like.append(Pattern.quote(String.valueOf(escaped)));
            } else {
                value.append(c);
                like.append(c == '%' ? ".*" : c == '_' ? "." : Pattern.quote(String.valueOf(c)));
            }
        }
        throw new SoqlException("MALFORMED_QUERY", "unterminated string literal", start);
    }

    private char escape(int literalStart) {
        if (pos >= soql.length()) {
            throw new SoqlException("MALFORMED_QUERY", "unterminated string literal", literalStart);
        }
        char c = soql.charAt(pos++);
        return switch (c) {
            case '\'', '"', '\\', '_', '%' -> c;
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'b' -> '\b';
            case 'f' -> '\f';
            default ->
                throw new SoqlException(
                        "MALFORMED_QUERY",
                        "Invalid string literal '"
                                + soql.substring(literalStart, Math.min(soql.length(), pos + 1))
                                + "'. Illegal character sequence '\\" + c + "' in string literal.",
                        literalStart);
        };
    }

    private boolean lookingAt(Pattern pattern) {
        matcher.usePattern(pattern).region(pos, soql.length());
        if (matcher.lookingAt()) {
            pos = matcher.end();
            return true;
        }
        return false;
    }

    private String text(int start) {
        return soql.substring(start, pos);
    }
}
