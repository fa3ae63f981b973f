package io.jkeepalived.config.bind;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DidYouMeanTest {
    @Test
    void suggestsCloseWordsOnly() {
        var known = List.of("priority", "interface", "virtual_router_id", "advert_int");
        assertThat(DidYouMean.closest("priorty", known)).contains("priority");
        assertThat(DidYouMean.closest("interfcae", known)).contains("interface");
        assertThat(DidYouMean.closest("zzz", known)).isEmpty();
        assertThat(DidYouMean.distance("ab", "ba")).isEqualTo(1);
    }
}
