package io.jkeepalived.check.probe;

/** Thrown inside a probe to end the attempt with a typed reason; {@link Attempts} turns it into a result. */
final class ProbeFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final FailureReason reason;

    ProbeFailure(FailureReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    FailureReason reason() {
        return reason;
    }
}
