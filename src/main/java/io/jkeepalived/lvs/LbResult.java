package io.jkeepalived.lvs;

/** What a backend made of one {@link LbOp}: never an exception. */
public sealed interface LbResult {

    record Done() implements LbResult {}

    /** The backend refused; {@code reason} is one short line (an errno name, "no such service"). */
    record Failed(String reason) implements LbResult {}

    LbResult DONE = new Done();
}
