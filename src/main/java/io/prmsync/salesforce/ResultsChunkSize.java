package io.prmsync.salesforce;

/**
 * How many records to ask for in each results call of a query job. The Salesforce component holds a whole answer
 * in memory (and for a moment a second copy as it hands it over), so chunks are sized by bytes: as many records as
 * fit {@code targetBytes} at the average size of the records read so far, never more than {@code mostRecords}. A
 * fixed count would let an object of wide records (long descriptions, many fields) fill the heap or exceed the
 * HTTP client's content limit, and would hold a narrow object's chunk longer than needed.
 *
 * @param mostRecords the most records asked for in one call ({@code maxRecords})
 * @param targetBytes the size of CSV one answer should carry
 */
public record ResultsChunkSize(int mostRecords, long targetBytes) {

    /** A record's assumed size before any has been read. */
    static final int FIRST_GUESS_BYTES = 1024;

    public ResultsChunkSize {
        if (mostRecords < 1 || targetBytes < 1) {
            throw new IllegalArgumentException("a results chunk needs at least one record and one byte, was "
                    + mostRecords + " records and " + targetBytes + " bytes");
        }
    }

    /** The records to ask for in the first call. */
    public int first() {
        return fitting(FIRST_GUESS_BYTES);
    }

    /** The records to ask for next, after {@code records} records that took {@code bytes} bytes of CSV. */
    public int next(long records, long bytes) {
        if (records < 1) {
            return first();
        }
        return fitting(Math.max(1.0, (double) bytes / records));
    }

    private int fitting(double bytesPerRecord) {
        return (int) Math.max(1, Math.min(mostRecords, Math.floor(targetBytes / bytesPerRecord)));
    }
}
