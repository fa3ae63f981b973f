package io.jkeepalived.config.lex;

import static io.jkeepalived.config.lex.LexTesting.read;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BasicSyntaxTest {

    @Test
    void blocksWithBraceOnSameAndNextLine() {
        var r = read("""
                global_defs {
                  router_id r1
                }
                vrrp_instance VI_1
                {
                  state MASTER
                  virtual_ipaddress {
                  }
                  nopreempt
                }
                """);
        assertThat(r.messages()).isEmpty();
        assertThat(r.tree()).isEqualTo("""
                global_defs {
                  router_id r1
                vrrp_instance VI_1 {
                  state MASTER
                  virtual_ipaddress {
                  nopreempt
                """);
    }

    @Test
    void commentsAnywhere() {
        var r = read("""
                # whole line
                ! bang line
                router_id r1 # trailing
                priority 100! bang trailing
                """);
        assertThat(r.messages()).isEmpty();
        assertThat(r.tree()).isEqualTo("router_id r1\npriority 100\n");
    }

    @Test
    void positionsPointAtTokenStart() {
        var r = read("a {\n   bb   cc\n}\n");
        var bb = r.nodes().getFirst().children().getFirst();
        assertThat(bb.pos().toString()).isEqualTo("t.conf:2:4");
        assertThat(bb.args().getFirst().pos().toString()).isEqualTo("t.conf:2:9");
    }
}
