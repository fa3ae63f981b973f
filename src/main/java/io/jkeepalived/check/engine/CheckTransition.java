package io.jkeepalived.check.engine;

/**
 * One recorded state change of a checker, a real server or a virtual server's quorum.
 *
 * @param subject  {@code TCP_CHECK [198.18.0.2]:80}, {@code [198.18.0.2]:80 in [198.18.0.1]:tcp:80}, ...
 * @param sequence engine-wide count of transitions, starting at 1
 */
public record CheckTransition(Kind kind, String subject, boolean up, String cause, long atNanos, long sequence) {

    public enum Kind { CHECKER, REAL_SERVER, QUORUM }

    @Override
    public String toString() {
        String what = switch (kind) {
            case CHECKER -> "checker " + subject;
            case REAL_SERVER -> "real server " + subject;
            case QUORUM -> "quorum of " + subject;
        };
        return what + (up ? " UP" : " DOWN") + (cause.isEmpty() ? "" : " (" + cause + ")");
    }
}
