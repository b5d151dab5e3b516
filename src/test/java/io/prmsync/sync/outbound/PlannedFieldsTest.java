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
    void mapsNamingTheSameFieldsInTheSameOrderShareOneArrayOfNames() throws Exception {
        Map<String, Object> first = PlannedFields.copyOf(fields("Name", "Acme", "Tier__c", "GOLD"));
        Map<String, Object> second = PlannedFields.copyOf(fields("Name", "Globex", "Tier__c", "SILVER"));
        Map<String, Object> reordered = PlannedFields.copyOf(fields("Tier__c", "GOLD", "Name", "Acme"));

        assertThat(names(second)).isSameAs(names(first));
        assertThat(names(reordered)).isNotSameAs(names(first));
        assertThat(reordered.keySet()).containsExactly("Tier__c", "Name");
    }

    @Test
    void aPlannedMapIsNotCopiedAgain() {
        Map<String, Object> planned = PlannedFields.copyOf(fields("Name", "Acme"));

        assertThat(PlannedFields.copyOf(planned)).isSameAs(planned);
    }

    private static Object names(Map<String, Object> planned) throws Exception {
        var field = PlannedFields.class.getDeclaredField("names");
        field.setAccessible(true);
        return field.get(planned);
    }
}
