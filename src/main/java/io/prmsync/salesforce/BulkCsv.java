package io.prmsync.salesforce;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.commons.io.output.UnsynchronizedByteArrayOutputStream;

/**
 * Bulk API 2.0's CSV, both ways: the upload of an ingest job and the rows a job answers with. Rows are read one
 * at a time, so a results chunk never has to be held as objects all at once.
 */
public final class BulkCsv {

    /** In an upload, the cell that sets a field to null; an empty cell leaves the field as it is. */
    public static final String NULL_CELL = "#N/A";

    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvGenerator.Feature.ALWAYS_QUOTE_STRINGS)
            .build();

    /** The size of each buffer an upload grows by. */
    private static final int UPLOAD_BUFFER = 256 * 1024;

    private BulkCsv() {}

    /**
     * The upload for records that may not all name the same fields: the columns are every field any record
     * names, and a record without one leaves that field untouched. Written row by row into buffers that grow in
     * chunks and are read back without a copy: a job of 25,000 rows held its cells as lists, then the CSV in a
     * doubling buffer, then a trimmed copy of it, all at once.
     */
    public static Upload upload(List<Map<String, Object>> records) {
        Set<String> columns = new LinkedHashSet<>();
        records.forEach(record -> columns.addAll(record.keySet()));
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true).setLineSeparator("\n");
        columns.forEach(schema::addColumn);
        UnsynchronizedByteArrayOutputStream out = UnsynchronizedByteArrayOutputStream.builder()
                .setBufferSize(UPLOAD_BUFFER)
                .get();
        try (SequenceWriter rows = CSV.writer(schema.build()).writeValues(out)) {
            List<String> row = new ArrayList<>(columns.size());
            for (Map<String, Object> record : records) {
                row.clear();
                for (String column : columns) {
                    row.add(record.containsKey(column) ? cell(record.get(column)) : "");
                }
                rows.write(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Bulk upload could not be written", e);
        }
        return new Upload(out.size(), out.toInputStream());
    }

    /** An upload's CSV, and how many bytes it is. */
    public record Upload(long bytes, InputStream csv) {}

    private static String cell(Object value) {
        if (value == null) {
            return NULL_CELL;
        }
        return value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
    }

    /** The rows of a CSV answer, each as column name → cell; the first line names the columns. */
    public static Iterator<Map<String, String>> rows(InputStream csv) {
        try {
            MappingIterator<List<String>> lines =
                    CSV.readerForListOf(String.class).readValues(csv);
            List<String> header = lines.hasNextValue() ? lines.nextValue() : List.of();
            return new Rows(header, lines);
        } catch (IOException e) {
            throw new SalesforceResponseException("Bulk API answer is not readable CSV: " + e.getMessage(), e);
        }
    }

    private static final class Rows implements Iterator<Map<String, String>> {
        private final List<String> header;
        private final MappingIterator<List<String>> lines;

        Rows(List<String> header, MappingIterator<List<String>> lines) {
            this.header = header;
            this.lines = lines;
        }

        @Override
        public boolean hasNext() {
            try {
                return lines.hasNextValue();
            } catch (IOException e) {
                throw new SalesforceResponseException("Bulk API answer is not readable CSV: " + e.getMessage(), e);
            }
        }

        @Override
        public Map<String, String> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            try {
                List<String> cells = lines.nextValue();
                if (cells.size() != header.size()) {
                    throw new SalesforceResponseException("Bulk API answer has a row of " + cells.size()
                            + " cells under a header of " + header.size() + " columns");
                }
                Map<String, String> row = new java.util.LinkedHashMap<>(header.size() * 2);
                for (int i = 0; i < header.size(); i++) {
                    row.put(header.get(i), cells.get(i));
                }
                return row;
            } catch (IOException e) {
                throw new SalesforceResponseException("Bulk API answer is not readable CSV: " + e.getMessage(), e);
            }
        }
    }
}
