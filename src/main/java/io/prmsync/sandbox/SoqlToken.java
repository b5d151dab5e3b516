package io.prmsync.sandbox;

import java.util.Locale;

/** A lexical token of a SOQL statement; {@code value} holds the decoded literal for literal tokens. */
record SoqlToken(Kind kind, String text, Object value, int offset) {

    enum Kind {
        IDENT,
        STRING,
        NUMBER,
        DATE,
        DATETIME,
        OPERATOR,
        COMMA,
        DOT,
        LPAREN,
        RPAREN,
        EOF
    }

    /** A string literal decoded twice: as a plain value and as a LIKE pattern, where only unescaped % and _ are wildcards. */
    record StringValue(String text, String likeRegex) {}

    boolean isKeyword(String keyword) {
        return kind == Kind.IDENT && text.equalsIgnoreCase(keyword);
    }

    String upper() {
        return text.toUpperCase(Locale.ROOT);
    }

    String shown() {
        return kind == Kind.EOF ? "<EOF>" : text;
    }
}
