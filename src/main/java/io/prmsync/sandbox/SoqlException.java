package io.prmsync.sandbox;

/** A SOQL error at a position in the query, rendered with Salesforce's caret-and-row message. */
final class SoqlException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String errorCode;
    private final int offset;

    SoqlException(String errorCode, String detail, int offset) {
        super(detail);
        this.errorCode = errorCode;
        this.offset = offset;
    }

    String errorCode() {
        return errorCode;
    }

    /** {@code \n<line>\n   ^\nERROR at Row:1:Column:12\n<detail>}, as the REST API words it. */
    ApiException toApiException(String soql) {
        if (offset < 0 || offset > soql.length()) {
            return ApiException.badRequest(errorCode, getMessage());
        }
        int lineStart = soql.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
        if (offset == 0) {
            lineStart = 0;
        }
        int lineEnd = soql.indexOf('\n', offset);
        String line = soql.substring(lineStart, lineEnd < 0 ? soql.length() : lineEnd);
        int row = (int) soql.substring(0, lineStart)
                        .chars()
                        .filter(c -> c == '\n')
                        .count()
                + 1;
        int column = offset - lineStart + 1;
        String message = "\n" + line + "\n" + " ".repeat(column - 1) + "^\nERROR at Row:" + row + ":Column:" + column
                + "\n" + getMessage();
        return ApiException.badRequest(errorCode, message);
    }
}
