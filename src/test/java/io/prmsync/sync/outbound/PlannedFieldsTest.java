package io.prmsync.sync.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlannedFieldsTest {

    private static Map<String, Object> fields(Object... namesAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }

    @Test
    void keepsTheOrderTheNullsAndTheValuesOfTheMapItCopies() {
        Map<String, Object> original = fields("Name", "Acme", "Phone", null, "Tier__c", "GOLD");

        Map<String, Object> planned = PlannedFields.copyOf(original);

        assertThat(planned)
                .containsExactly(
                        Map.entry("Name", "Acme"),
                        new java.util.AbstractMap.SimpleEntry<>("Phone", null),
                        Map.entry("Tier__c", "GOLD"));
        assertThat(planned.containsKey("Phone")).isTrue();
        assertThat(planned.get("Phone")).isNull();
        assertThat(planned.containsKey("Website")).isFalse();
        assertThat(planned).isEqualTo(original).hasSameHashCodeAs(original);
    }

    @Test
    void isImmutable() {
        Map<String, Object> planned = PlannedFields.copyOf(fields("Name", "Acme"));

        assertThatThrownBy(() -> planned.put("Name", "Other")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> planned.remove("Name")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(planned).containsEntry("Name", "Acme");
    }

    @Test
    void mapsNamingTheSameFieldsInTheSameOrderShareOneArrayOfNames() {
        PlannedFields first = (PlannedFields) PlannedFields.copyOf(fields("Name", "Acme", "Tier__c", "GOLD"));
        PlannedFields second = (PlannedFields) PlannedFields.copyOf(fields("Name", "Globex", "Tier__c", "SILVER"));
        PlannedFields reordered = (PlannedFields) PlannedFields.copyOf(fields("Tier__c", "GOLD", "Name", "Acme"));

        assertThat(second.sharesNamesWith(first)).isTrue();
        assertThat(reordered.sharesNamesWith(first)).isFalse();
        assertThat(reordered.keySet()).containsExactly("Tier__c", "Name");
    }

    @Test
    void aNullFieldNameIsRefusedWithTheFieldsItCameWith() {
        Map<String, Object> named = new java.util.LinkedHashMap<>();
        named.put("Name", "Acme");
        named.put(null, "x");

        assertThatThrownBy(() -> PlannedFields.copyOf(named))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names a field null")
                .hasMessageContaining("Name");
    }

    @Test
    void aPlannedMapIsNotCopiedAgain() {
        Map<String, Object> planned = PlannedFields.copyOf(fields("Name", "Acme"));

        assertThat(PlannedFields.copyOf(planned)).isSameAs(planned);
    }
}
