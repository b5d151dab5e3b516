package io.prmsync.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Salesforce datetimes: the usual shape read directly, every other shape by the formatter, nothing else. */
class SalesforceDateTimeTest {

    @ParameterizedTest
    @CsvSource({
        "2024-05-01T10:15:30.000+0000, 2024-05-01T10:15:30Z",
        "2024-05-01T10:15:30.123+0000, 2024-05-01T10:15:30.123Z",
        "2024-05-01T10:15:30.123Z, 2024-05-01T10:15:30.123Z",
        "2024-02-29T23:59:59.999+0000, 2024-02-29T23:59:59.999Z",
        "1999-12-31T00:00:00.000+0000, 1999-12-31T00:00:00Z",
        // Other shapes go through the formatter.
        "2024-05-01T12:15:30.000+0200, 2024-05-01T10:15:30Z",
        "2024-05-01T12:15:30+02:00, 2024-05-01T10:15:30Z",
        "2024-05-01T10:15:30.5Z, 2024-05-01T10:15:30.500Z",
        "2024-05-01T10:15:30, 2024-05-01T10:15:30Z"
    })
    void readsSalesforceAndIsoShapes(String text, String expected) {
        assertThat(ValueType.parseSalesforceDateTime(text)).isEqualTo(Instant.parse(expected));
    }

    /** Random instants from year 1 to 9999, rendered as Salesforce does, read back exactly. */
    @Test
    void readsEveryInstantItsOwnShapeCanHold() {
        Random random = new Random(Long.getLong("datetime.seed", 20261204L));
        DateTimeFormatter salesforce = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxx");
        long first = Instant.parse("0001-01-01T00:00:00Z").toEpochMilli();
        long last = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();
        for (int i = 0; i < 10_000; i++) {
            Instant instant = Instant.ofEpochMilli(first + (long) (random.nextDouble() * (last - first)));
            String text = salesforce.format(instant.atOffset(ZoneOffset.UTC));
            assertThat(ValueType.parseSalesforceDateTime(text)).as(text).isEqualTo(instant);
            assertThat(ValueType.parseSalesforceDateTime(text.replace("+0000", "Z")))
                    .as(text)
                    .isEqualTo(instant);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2024-13-01T10:15:30.000+0000",
                "2024-05-01T24:15:30.000+0000",
                "2024-05-01T10:61:30.000+0000",
                "2024-0a-01T10:15:30.000+0000",
                "2024-05-01 10:15:30.000+0000",
                "2024-05-01T10:15:30.000+00:0",
                "yesterday"
            })
    void refusesWhatIsNoDateTime(String text) {
        assertThatThrownBy(() -> ValueType.parseSalesforceDateTime(text)).isInstanceOf(DateTimeParseException.class);
    }
}
