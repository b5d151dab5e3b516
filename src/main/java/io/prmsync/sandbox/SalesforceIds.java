package io.prmsync.sandbox;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Salesforce record ids: a 3-character key prefix, 12 more case-sensitive characters, then the 3-character
 * case-safe suffix that encodes which of the first 15 characters are upper case.
 */
final class SalesforceIds {

    private static final String SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
    private static final String COUNTER_DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final int COUNTER_WIDTH = 9;

    private final AtomicLong counter = new AtomicLong();

    /**
     * Next id for the key prefix. The counter uses upper-case base 36 so ids sort in creation order whether
     * compared case-sensitively or not, and the suffix still varies like a real one.
     */
    String next(String keyPrefix) {
        long n = counter.incrementAndGet();
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < COUNTER_WIDTH; i++) {
            digits.insert(0, COUNTER_DIGITS.charAt((int) (n % 36)));
            n /= 36;
        }
        String id15 = keyPrefix + "000" + digits;
        return id15 + suffix(id15);
    }

    static String suffix(String id15) {
        StringBuilder suffix = new StringBuilder(3);
        for (int chunk = 0; chunk < 3; chunk++) {
            int bits = 0;
            for (int i = 0; i < 5; i++) {
                char c = id15.charAt(chunk * 5 + i);
                if (c >= 'A' && c <= 'Z') {
                    bits |= 1 << i;
                }
            }
            suffix.append(SUFFIX_ALPHABET.charAt(bits));
        }
        return suffix.toString();
    }

    /** True for a 15-character id or an 18-character id whose suffix matches. */
    static boolean isWellFormed(String candidate) {
        if (candidate == null || (candidate.length() != 15 && candidate.length() != 18)) {
            return false;
        }
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
                return false;
            }
        }
        return candidate.length() == 15 || suffix(candidate.substring(0, 15)).equalsIgnoreCase(candidate.substring(15));
    }

    /** The 18-character form; callers check {@link #isWellFormed} first. */
    static String to18(String id) {
        if (!isWellFormed(id)) {
            throw new IllegalArgumentException("malformed id " + id);
        }
        String id15 = id.substring(0, 15);
        return id15 + suffix(id15);
    }
}
