package io.jkeepalived.config.lex;

import static io.jkeepalived.config.lex.LexTesting.read;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ParametersTest {

    @Test
    void dollarNameFollowedByBlankCommaParenOrEnd() {
        var r = read("""
                $X=abc
                $X x2
                p $X,y
                q ($X)
                r $X
                $Xy
                """);
        assertThat(r.messages()).isEmpty();
        assertThat(r.tree()).isEqualTo("abc x2\np abc,y\nq (abc)\nr abc\n$Xy\n");
    }

    @Test
    void bracedNameNeedsNothingAfterIt() {
        assertThat(read("$X=abc\n${X}def\n").tree()).isEqualTo("abcdef\n");
    }

    @Test
    void undefinedParametersAreLeftAlone() {
        // keepalived then splits the line at the braces, as we do
        assertThat(read("a $UNDEF b\n").tree()).isEqualTo("a $UNDEF b\n");
        assertThat(read("x${UNDEF}z\n").tree()).isEqualTo("x$ {\n  UNDEF\nz\n");
    }

    @Test
    void substitutionHappensAtUseTimeAndRecursively() {
        var r = read("""
                $ADDRESS_BASE=10.2.${ADDRESS_BASE_SUB}
                $ADDRESS_BASE_SUB=0
                ${ADDRESS_BASE}.100/32
                $ADDRESS_BASE_SUB=10
                ${ADDRESS_BASE}.100/32
                """);
        assertThat(r.tree()).isEqualTo("10.2.0.100/32\n10.2.10.100/32\n");
    }

    @Test
    void definitionNeedsNameThenEqualsWithNoSpace() {
        var r = read("$A =1\n $B= spaced value \n$B\n$1=x\n");
        // "$A =1" is not a definition: it is an ordinary line (with an undefined parameter)
        assertThat(r.tree()).isEqualTo("$A =1\nspaced value\n$1=x\n");
    }

    @Test
    void emptyValueIsAllowed() {
        assertThat(read("$E=\na${E}b\n").tree()).isEqualTo("ab\n");
    }

    @Test
    void parameterCanCarryAConditional() {
        var r = read("$IF_MAIN=@main\n$IF_MAIN priority 240\n$IF_OTHER=@other\n$IF_OTHER priority 100\n");
        assertThat(r.tree()).isEqualTo("priority 240\n");
    }

    @Test
    void conditionalDefinitions() {
        var r = read("@main $PRIORITY=240\n@backup $PRIORITY=200\npriority $PRIORITY\n");
        assertThat(r.tree()).isEqualTo("priority 240\n");
    }

    @Test
    void multiLineDefinitionExpandsToSeveralLines() {
        var r = read("""
                $INSTANCE= \\
                vrrp_instance VI_${NUM} { \\
                    interface eth0.${NUM} \\
                    @main priority 130 \\
                    @other priority 120 \\
                }

                $NUM=0
                $INSTANCE
                $NUM=1
                $INSTANCE
                """);
        assertThat(r.messages()).isEmpty();
        assertThat(r.tree()).isEqualTo("""
                vrrp_instance VI_0 {
                  interface eth0.0
                  priority 130
                vrrp_instance VI_1 {
                  interface eth0.1
                  priority 130
                """);
    }

    @Test
    void multiLineDefinitionsNestAndDefineParameters() {
        var r = read("""
                $RS= \\
                real_server 198.18.${VS}.${RS_NUM} 80 { \\
                    weight 1 \\
                }
                $VS_BLOCK= \\
                virtual_server 198.18.${VS}.4 80 { \\
                    $RS_NUM=1 \\
                    $RS \\
                    $RS_NUM=2 \\
                    $RS \\
                }
                $VS=0
                $VS_BLOCK
                """);
        assertThat(r.messages()).isEmpty();
        assertThat(r.tree()).isEqualTo("""
                virtual_server 198.18.0.4 80 {
                  real_server 198.18.0.1 80 {
                    weight 1
                  real_server 198.18.0.2 80 {
                    weight 1
                """);
    }

    @Test
    void multiLineDefinitionWithTextOnItsFirstLine() {
        // checked against keepalived 2.2.7: three lines "1", "second", "third"
        var r = read("$A=1 \\\n  second \\\n  third\n$A\n");
        assertThat(r.tree()).isEqualTo("1\nsecond\nthird\n");
    }

    @Test
    void multiLineDefinitionIsOnlyUsedAtTheEndOfALine() {
        var r = read("$M=a \\\nb\n$M tail\n");
        assertThat(r.tree()).isEqualTo("$M tail\n");
    }

    @Test
    void multiLineDefinitionEndsAtABlankOrCommentLine() {
        var r = read("$M=a \\\nb \\\n\nafter\n$M\n");
        assertThat(r.tree()).isEqualTo("after\na\nb\n");
    }

    @Test
    void selfReferenceIsADiagnosticNotAHang() {
        var r = read("$R=${R}x\n$R\nnext\n");
        assertThat(r.messages()).containsExactly("t.conf:2:1: error: parameter substitution does not end: stopped after 1996"
                + " replacements on one line\n    hint: a parameter probably refers to itself; the line is ignored");
        assertThat(r.tree()).isEqualTo("next\n");
    }

    @Test
    void growingSelfReferenceIsBounded() {
        var r = read("$A=$A $A\nx $A\n");
        assertThat(r.messages()).containsExactly("t.conf:2:3: error: parameter substitution does not end: stopped after 1153"
                + " replacements on one line\n    hint: a parameter probably refers to itself; the line is ignored");
    }

    @Test
    void longValuesHitTheLengthLimit() {
        String big = "y".repeat(40_000);
        var r = read("$B=" + big + "\nx $B $B\n");
        assertThat(r.messages()).containsExactly("t.conf:2:6: error: parameter substitution makes the line longer than"
                + " 65536 characters\n    hint: a parameter probably refers to itself; the line is ignored");
    }

    @Test
    void conditionalLoopThroughAParameterIsBounded() {
        var r = read("$A=@main $A\n$A\n");
        assertThat(r.messages()).hasSize(1);
        assertThat(r.messages().getFirst()).startsWith("t.conf:2:1: error: parameter substitution");
    }

    @Test
    void substitutedColumnsPointAtTheParameterUse() {
        var r = read("$V=198.18.0.1\n  ip   $V  x\n");
        var n = r.nodes().getFirst();
        assertThat(n.args().get(0).text()).isEqualTo("198.18.0.1");
        assertThat(n.args().get(0).pos().toString()).isEqualTo("t.conf:2:8");
        assertThat(n.args().get(1).pos().toString()).isEqualTo("t.conf:2:12");
    }
}
