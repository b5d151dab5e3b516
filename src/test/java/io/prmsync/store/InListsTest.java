package io.prmsync.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class InListsTest {

    @Test
    void aLongKeyListIsSplitInOrderIntoListsOfTheSizeAtMost() {
        List<String> keys = IntStream.range(0, 250).mapToObj(i -> "K-" + i).toList();

        List<List<String>> lists = new InLists(100).of(keys);

        assertThat(lists).extracting(List::size).containsExactly(100, 100, 50);
        assertThat(lists.stream().flatMap(List::stream).toList()).isEqualTo(keys);
    }

    @Test
    void noKeysMeanNoLookup() {
        assertThat(new InLists(100).of(List.of())).isEmpty();
    }

    @Test
    void onH2TheListsHoldAHundredKeys() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:in-lists");

        List<List<Integer>> lists = new InLists(StoreKind.of(h2))
                .of(IntStream.range(0, 1_000).boxed().toList());

        assertThat(lists).hasSize(10).allSatisfy(list -> assertThat(list).hasSize(InLists.H2_KEYS));
    }

    @Test
    void aListOfNoKeysIsRefused() {
        assertThatThrownBy(() -> new InLists(0)).hasMessageContaining("at least one key");
    }
}
