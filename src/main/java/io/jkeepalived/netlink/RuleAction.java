package io.jkeepalived.netlink;

/** What a policy rule does ({@code fib_rule_hdr.action}). */
public enum RuleAction {
    /** {@code table N} / {@code lookup N}. */
    TO_TABLE(1), GOTO(2), NOP(3), BLACKHOLE(6), UNREACHABLE(7), PROHIBIT(8);

    private final int code;

    RuleAction(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
