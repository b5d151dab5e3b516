package io.prmsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The CSV dialect of one Bulk API 2.0 job, set when the job is created: its column delimiter and line ending,
 * used to read the upload and to write every CSV the job answers with.
 */
final class BulkCsv {

    /** The job's {@code columnDelimiter}. */
    enum Delimiter {
        BACKQUOTE('`'),
        CARET('^'),
        COMMA(','),
        PIPE('|'),
        SEMICOLON(';'),
        TAB('\t');

        private final char character;

        Delimiter(char character) {
            this.character = character;
        }
    }

    /** The job's {@code lineEnding}. */
    enum LineEnding {
        LF("\n"),
        CRLF("\r\n");

        private final String separator;

        LineEnding(String separator) {
            this.separator = separator;
        }
    }

    /** A row the CSV reader could not make sense of, such as an unclosed quote. */
    static final class MalformedCsvException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedCsvException(String message) {
            super(message);
        }
    }

    /** Rows one at a time, so a large upload is never held as objects all at once. */
    interface Rows {
        /** @throws MalformedCsvException */
        boolean hasNext();

        /** @throws MalformedCsvException */
        String[] next();
    }

    // Every value is quoted and null written as an empty quoted value, as Bulk API results are: Jackson cannot
    // write a bare empty cell inside a row written from an array.
    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .enable(CsvGenerator.Feature.ALWAYS_QUOTE_STRINGS)
            .build();

    private final Delimiter delimiter;
    private final LineEnding lineEnding;
    private final ObjectReader reader;
    private final ObjectWriter writer;

    BulkCsv(Delimiter delimiter, LineEnding lineEnding) {
        this.delimiter = delimiter;
        this.lineEnding = lineEnding;
        CsvSchema schema = CsvSchema.emptySchema()
                .withColumnSeparator(delimiter.character)
                .withLineSeparator(lineEnding.separator);
        this.reader = MAPPER.readerFor(String[].class).with(schema);
        this.writer = MAPPER.writer(schema);
    }

    /**
     * The dialect a job-creation body asks for; COMMA and LF when it names none.
     *
     * @throws ApiException 400 for a content type other than CSV or a delimiter or line ending Salesforce lacks
     */
    static BulkCsv of(JsonNode jobRequest) {
        String contentType = jobRequest.path("contentType").asText("CSV");
        if (!contentType.equals("CSV")) {
            throw ApiException.badRequest(
                    "INVALIDJOB", "Unsupported content type: " + contentType + ". Bulk API 2.0 accepts CSV only.");
        }
        String delimiter = jobRequest.path("columnDelimiter").asText("COMMA");
        String lineEnding = jobRequest.path("lineEnding").asText("LF");
        return new BulkCsv(
                named(Delimiter.class, "columnDelimiter", delimiter),
                named(LineEnding.class, "lineEnding", lineEnding));
    }

    String delimiterName() {
        return delimiter.name();
    }

    String lineEndingName() {
        return lineEnding.name();
    }

    /**
     * Salesforce fails a job whose upload ends its lines otherwise than the job says; the first line break tells.
     */
    boolean usesLineEnding(String upload) {
        int newline = upload.indexOf('\n');
        if (newline < 0) {
            return true;
        }
        boolean crlf = newline > 0 && upload.charAt(newline - 1) == '\r';
        return crlf == (lineEnding == LineEnding.CRLF);
    }

    /** The rows of an upload, header first; blank lines are skipped. */
    Rows read(String upload) {
        MappingIterator<String[]> rows;
        try {
            rows = reader.readValues(upload);
        } catch (IOException e) {
            throw new MalformedCsvException(firstLine(e.getMessage()));
        }
        return new Rows() {
            @Override
            public boolean hasNext() {
                try {
                    return rows.hasNextValue();
                } catch (IOException e) {
                    throw new MalformedCsvException(firstLine(e.getMessage()));
                }
            }

            @Override
            public String[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                try {
                    return rows.nextValue();
                } catch (IOException e) {
                    throw new MalformedCsvException(firstLine(e.getMessage()));
                }
            }
        };
    }

    /** Rows after the header, up to where the CSV stops making sense. */
    int dataRows(String upload) {
        int rows = -1;
        try {
            Rows reader = read(upload);
            while (reader.hasNext()) {
                reader.next();
                rows++;
            }
        } catch (MalformedCsvException e) {
            // Counted up to here.
        }
        return Math.max(rows, 0);
    }

    /** A whole CSV: the header, then each row; null values become empty cells. */
    String write(List<String> header, Iterable<String[]> rows) {
        StringWriter out = new StringWriter();
        try (SequenceWriter csv = writer.writeValues(out)) {
            csv.write(header.toArray(String[]::new));
            for (String[] row : rows) {
                csv.write(Arrays.stream(row)
                        .map(value -> value == null ? "" : value)
                        .toArray(String[]::new));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render CSV", e);
        }
        return out.toString();
    }

    private static <E extends Enum<E>> E named(Class<E> type, String property, String name) {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("INVALIDJOB", "Invalid " + property + ": " + name);
        }
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
