package io.prmsync.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SoqlInListsTest {

    @Test
    void keysAreGroupedSoNoQueryOutgrowsTheUrlLimit() {
        List<String> keys =
                IntStream.range(0, 25_000).mapToObj(i -> "P-out-" + i).toList();

        List<List<String>> groups = Soql.inLists(keys);

        assertThat(groups).hasSizeGreaterThan(1);
        assertThat(groups)
                .allSatisfy(group ->
                        assertThat(String.join(", ", group).length()).isLessThanOrEqualTo(Soql.MAX_IN_LIST_CHARACTERS));
        assertThat(groups.stream().flatMap(List::stream).toList())
                .isEqualTo(keys.stream().map(Soql::literal).toList());
    }

    @Test
    void noKeysNeedNoQuery() {
        assertThat(Soql.inLists(List.of())).isEmpty();
    }
}
