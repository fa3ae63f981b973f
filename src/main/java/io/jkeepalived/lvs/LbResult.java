package io.jkeepalived.lvs;

/** What a backend made of one {@link LbOp}: never an exception. */
public sealed interface LbResult {

    record Done() implements LbResult {}

    /**
     * The backend refused; {@code reason} is one short line that starts with the errno name the kernel
     * gave ({@code EEXIST} for a service or destination already there, {@code ESRCH} for a missing
     * service, {@code ENOENT} for a missing destination), which the reconciler relies on.
     */
    record Failed(String reason) implements LbResult {}

    LbResult DONE = new Done();
}
