package io.jkeepalived.track;

/** A process event from the kernel's proc connector, reduced to what the tracker needs. */
public sealed interface ProcEvent {

    /** A new process (not a thread) was forked. */
    record Fork(long parentTgid, long childTgid) implements ProcEvent {}

    /** A process exec'd a new program. */
    record Exec(long tgid) implements ProcEvent {}

    /** A process changed its name (comm). */
    record Comm(long tgid, String comm) implements ProcEvent {}

    /** A process (its thread-group leader) exited. */
    record Exit(long tgid, int exitCode) implements ProcEvent {}

    /** The kernel acknowledged our subscription; {@code err} 0 means listening. */
    record Ack(int err) implements ProcEvent {}

    /** An event the tracker does not use (thread fork/exit, uid, gid, sid, ptrace, coredump). */
    record Ignored(long what) implements ProcEvent {}
}
