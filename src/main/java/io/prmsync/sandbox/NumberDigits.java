package io.prmsync.sandbox;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What Salesforce does with a value of a custom Number(precision, scale) field ({@link FieldDef#digits}): more
 * digits before the point than the field has room for are refused, more decimals than its scale are rounded half up.
 */
final class NumberDigits {

    private NumberDigits() {}

    /** Salesforce's answer to a number too large for its field, for the first such field. */
    static Optional<ApiError> outOfRange(ObjectDef type, Map<String, Object> values) {
        return type.fields().stream()
                .filter(f -> f.hasDigits() && values.get(f.name()) instanceof Double d && !fits(f, d))
                .findFirst()
                .map(f -> new ApiError(
                        "NUMBER_OUTSIDE_VALID_RANGE",
                        f.label() + ": value outside of valid range on numeric field: "
                                + FieldValues.toCsv(values.get(f.name())),
                        List.of(f.name())));
    }

    /** Rounds every number to its field's scale, as the platform does on save. */
    static void round(ObjectDef type, Map<String, Object> values) {
        type.fields().stream()
                .filter(f -> f.hasDigits() && values.get(f.name()) instanceof Double)
                .forEach(f -> values.put(f.name(), rounded(f, (Double) values.get(f.name()))));
    }

    private static boolean fits(FieldDef field, double value) {
        BigDecimal whole = BigDecimal.valueOf(rounded(field, value)).abs().setScale(0, RoundingMode.DOWN);
        return whole.signum() == 0 || whole.precision() <= field.precision() - field.scale();
    }

    private static double rounded(FieldDef field, double value) {
        return BigDecimal.valueOf(value)
                .setScale(field.scale(), RoundingMode.HALF_UP)
                .doubleValue();
    }
}
