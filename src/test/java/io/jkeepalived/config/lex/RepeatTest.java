package io.jkeepalived.config.lex;

import static io.jkeepalived.config.lex.LexTesting.read;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RepeatTest {

    @Test
    void seqWithStartStepEnd() {
        assertThat(read("~SEQ(SUBNET, 0, 3) ip_address 10.0.${SUBNET}.1\n").tree())
                .isEqualTo("ip_address 10.0.0.1\nip_address 10.0.1.1\nip_address 10.0.2.1\nip_address 10.0.3.1\n");
        assertThat(read("~SEQ(i, 10, -5, 0) $i\n").tree()).isEqualTo("10\n5\n0\n");
    }

    @Test
    void seqDefaults() {
        assertThat(read("~SEQ(i, 3) $i\n").tree()).isEqualTo("1\n2\n3\n");
        assertThat(read("~SEQ(i, -2) $i\n").tree()).isEqualTo("-1\n-2\n");
        assertThat(read("~SEQ(i, 0) $i\n").tree()).isEqualTo("1\n0\n");
        assertThat(read("~SEQ(i, 5, 3) $i\n").tree()).isEqualTo("5\n4\n3\n");
    }

    @Test
    void seqHexAndStrtolNumbers() {
        assertThat(read("~SEQx(S, 0x90, 0x10, 0xc0) fe80::20:${S}:1\n").tree())
                .isEqualTo("fe80::20:90:1\nfe80::20:a0:1\nfe80::20:b0:1\nfe80::20:c0:1\n");
        assertThat(read("~SEQ(i, 010, 011) $i\n").tree()).isEqualTo("8\n9\n");
    }

    @Test
    void seqParametersAreSubstituted() {
        assertThat(read("$MAX=2\n~SEQ(i, $MAX) $i\n").tree()).isEqualTo("1\n2\n");
    }

    @Test
    void severalSeqsOnALineNestOuterFirst() {
        assertThat(read("~SEQ(a, 1, 2) ~LST(w, x, y) z${a}${w}\n").tree()).isEqualTo("z1x\nz1y\nz2x\nz2y\n");
    }

    @Test
    void lstSimpleAndGrouped() {
        assertThat(read("~LST(v, p, q) l${v}\n").tree()).isEqualTo("lp\nlq\n");
        assertThat(read("~LST({IP, IP1}, {10,1},{20,4}) 192.168.${IP}.${IP1}\n").tree())
                .isEqualTo("192.168.10.1\n192.168.20.4\n");
        assertThat(read("~LST({IP,   IP1},  {10,1},{20,4})  ~SEQ(IP2,168,2,170) 192.${IP2}.${IP}.${IP1}\n").tree())
                .isEqualTo("192.168.10.1\n192.170.10.1\n192.168.20.4\n192.170.20.4\n");
    }

    @Test
    void blanksAroundValuesAreIgnored() {
        // checked against keepalived 2.2.7
        assertThat(read("~LST(v,a, b ,c) L${v}\n~LST( w , d) M${w}\n~SEQ( i , 2 ) Q$i\n").tree())
                .isEqualTo("La\nLb\nLc\nMd\nQ1\nQ2\n");
        assertThat(read("~LST({x, y} , {5,6}) O${x}${y}\n").tree()).isEqualTo("O56\n");
    }

    @Test
    void seqOverAMultiLineDefinition() {
        var r = read("""
                $VI= \\
                vrrp_instance v${IF}.${ID} { \\
                  virtual_router_id ${ID} \\
                }
                ~SEQ(IF,0,1) ~SEQ(ID,1,2) $VI
                """);
        assertThat(r.messages()).isEmpty();
        assertThat(r.tree()).isEqualTo("""
                vrrp_instance v0.1 {
                  virtual_router_id 1
                vrrp_instance v0.2 {
                  virtual_router_id 2
                vrrp_instance v1.1 {
                  virtual_router_id 1
                vrrp_instance v1.2 {
                  virtual_router_id 2
                """);
    }

    @Test
    void invalidSpecificationsAreErrors() {
        assertThat(read("~SEQ(i, 1, 0, 5) x\n").messages())
                .containsExactly("t.conf:1:1: error: invalid ~SEQ specification: step 0 never gets from 1 to 5");
        assertThat(read("~SEQ(i, 1, -1, 5) x\n").messages())
                .containsExactly("t.conf:1:1: error: invalid ~SEQ specification: step -1 never gets from 1 to 5");
        assertThat(read("~SEQx(i, -1, 5) x\n").messages())
                .containsExactly("t.conf:1:1: error: invalid ~SEQx specification: ~SEQx is only valid for non-negative numbers");
        assertThat(read("~SEQ(i, 1, 5 x\n").messages())
                .containsExactly("t.conf:1:1: error: invalid ~SEQ specification: missing ')'");
        assertThat(read("~SEQ i, 1) x\n").messages())
                .containsExactly("t.conf:1:1: error: invalid ~SEQ specification: expected '(' after ~SEQ");
        assertThat(read("~SEQ(i, a) x\n").messages())
                .containsExactly("t.conf:1:1: error: invalid ~SEQ specification: 'a' is not a number");
        assertThat(read("~LST(v, e f) x\n").messages())
                .containsExactly("t.conf:1:1: error: invalid ~LST specification: value 'e f' is empty or contains blanks");
        assertThat(read("~LST(v) x\n").messages()).containsExactly("t.conf:1:1: error: invalid ~LST specification:"
                + " expected ~LST(VAR, VALUE, ...) or ~LST({VAR,...}, {VALUE,...}, ...)");
        assertThat(read("~LST({a,b}, {1}) x\n").messages())
                .containsExactly("t.conf:1:1: error: invalid ~LST specification: group {1} has 1 values for 2 variables");
    }

    @Test
    void expansionsOfLongLinesStopAtTheCharacterBudget() {
        var d = new io.jkeepalived.config.Diagnostics();
        String big = "y".repeat(10_000);
        var nodes = ConfigReader.readString("$B=" + big + "\n~SEQ(a, 1, 1000) x $B\nnever\n", "t.conf",
                java.nio.file.Path.of("/x"), LexTesting.OPTS, d, new Preprocessor.Limits(1_000_000, 100_000));
        assertThat(nodes.size()).isLessThan(11);
        assertThat(d.all()).extracting(io.jkeepalived.config.Diagnostic::render).containsExactly(
                "t.conf:2:18: error: the configuration expands to more than 100000 characters; reading stops here\n"
                        + "    hint: check ~SEQ ranges and multi-line parameters");
    }

    @Test
    void hugeExpansionsStopAtTheBudget() {
        var d = new io.jkeepalived.config.Diagnostics();
        var nodes = ConfigReader.readString("~SEQ(a, 1, 1000000) ~SEQ(b, 1, 1000000) x\n", "t.conf",
                java.nio.file.Path.of("/x"), LexTesting.OPTS, d, new Preprocessor.Limits(1000));
        assertThat(nodes.size()).isLessThan(1000);
        assertThat(d.all()).hasSize(1);
        assertThat(d.all().getFirst().render()).startsWith("t.conf:1:1: error: macro expansion produced more than 1000 lines");
    }
}
