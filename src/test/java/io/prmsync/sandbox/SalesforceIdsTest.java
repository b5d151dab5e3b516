package io.prmsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SalesforceIdsTest {

    @Test
    void suffixMatchesTheWellKnownExample() {
        assertThat(SalesforceIds.to18("a0D30000001n7Pi")).isEqualTo("a0D30000001n7PiEAI");
    }

    @Test
    void generatedIdsCarryTheKeyPrefixAndAValidSuffixAndSortInCreationOrder() {
        SalesforceIds ids = new SalesforceIds();
        String previous = "";
        for (int i = 0; i < 2000; i++) {
            String id = ids.next("0Cg");
            assertThat(id).startsWith("0Cg").hasSize(18);
            assertThat(SalesforceIds.isWellFormed(id)).isTrue();
            assertThat(id.compareTo(previous)).isPositive();
            previous = id;
        }
    }

    @Test
    void wrongSuffixOrCharactersAreMalformed() {
        assertThat(SalesforceIds.isWellFormed("a0D30000001n7PiAAA")).isFalse();
        assertThat(SalesforceIds.isWellFormed("a0D30000001n7P!")).isFalse();
        assertThat(SalesforceIds.isWellFormed("a0D30000001n7")).isFalse();
        assertThat(SalesforceIds.isWellFormed("a0D30000001n7PiEAI")).isTrue();
    }
}
