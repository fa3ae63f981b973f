package io.jkeepalived.config.lex;

import static io.jkeepalived.config.lex.LexTesting.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConditionalsAndPredefinedTest {

    @Test
    void conditionalLinesMatchTheConfigId() {
        var r = read("""
                @main   router_id main_router
                @backup router_id backup_router
                unicast_peer {
                    @^main    198.18.0.4
                    @^backup  198.18.0.5
                }
                @main
                """);
        assertThat(r.messages()).isEmpty();
        assertThat(r.tree()).isEqualTo("router_id main_router\nunicast_peer {\n  198.18.0.5\n");
    }

    @Test
    void otherConfigIdSelectsOtherLines() {
        var r = read("@main a\n@backup b\n@^main c\n", Path.of("/x"), LexTesting.OPTS.withConfigId("backup"));
        assertThat(r.tree()).isEqualTo("b\nc\n");
    }

    @Test
    void predefinedParameters() {
        var opts = new ReaderOptions("node1", Map.of("VIP", "198.18.1.1"), false);
        var r = read("""
                a ${_INSTANCE}
                b ${_PWD}
                c ${_ENV VIP} ${_ENV NOPE}x
                d x${_HASH}y x${_BANG}y
                """, Path.of("/etc/keepalived"), opts);
        assertThat(r.messages()).isEmpty();
        assertThat(r.tree()).isEqualTo("a node1\nb /etc/keepalived\nc 198.18.1.1 x\nd x#y x!y\n");
    }

    @Test
    void randomIsInRangeAndRepeatableWithRandomSeed() {
        String text = "global_defs {\n random_seed 42\n}\n~SEQ(i, 20) r ${_RANDOM 5 9} ${_RANDOM}\n";
        var first = read(text);
        var second = read(text);
        assertThat(first.tree()).isEqualTo(second.tree());
        for (var n : first.nodes().subList(1, first.nodes().size())) {
            int small = Integer.parseInt(n.args().get(0).text());
            int big = Integer.parseInt(n.args().get(1).text());
            assertThat(small).isBetween(5, 9);
            assertThat(big).isBetween(0, 32767);
        }
        assertThat(read("r ${_RANDOM 7 7}\n").tree()).isEqualTo("r 7\n");
    }

    @Test
    void predefinedParametersCanBeOverridden() {
        assertThat(read("$_INSTANCE=mine\n${_INSTANCE}\n").tree()).isEqualTo("mine\n");
    }
}
