package io.prmsync.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InListsTest {

    @Test
    void aLongKeyListIsSplitInOrderIntoListsOfAThousandAtMost() {
        List<String> keys = IntStream.range(0, 2_500).mapToObj(i -> "K-" + i).toList();

        List<List<String>> lists = InLists.of(keys);

        assertThat(lists).extracting(List::size).containsExactly(1_000, 1_000, 500);
        assertThat(lists.stream().flatMap(List::stream).toList()).isEqualTo(keys);
    }

    @Test
    void noKeysMeanNoLookup() {
        assertThat(InLists.of(List.of())).isEmpty();
    }
}
