package io.jkeepalived.config.lex;

import java.util.List;
import java.util.Optional;

/**
 * An active {@code ~SEQ} or {@code ~LST}: the rest of its line, read once per value with the
 * variables defined to that value.
 */
abstract sealed class Repeat implements Frame {
    final List<String> vars;
    final Line text;

    Repeat(List<String> vars, Line text) {
        this.vars = List.copyOf(vars);
        this.text = text;
    }

    /** The values for the next round, or empty when done. */
    abstract Optional<List<String>> next();

    /** {@code ~SEQ(var, start, step, end)}; {@code hex} for {@code ~SEQx}. */
    static final class Seq extends Repeat {
        private long next;
        private final long last;
        private final long step;
        private final boolean hex;
        private boolean done;

        Seq(String var, long start, long step, long last, boolean hex, Line text) {
            super(List.of(var), text);
            this.next = start;
            this.step = step;
            this.last = last;
            this.hex = hex;
            this.done = step > 0 ? start > last : start < last;
        }

        @Override
        Optional<List<String>> next() {
            if (done) {
                return Optional.empty();
            }
            long v = next;
            String s = hex ? Long.toHexString(v) : Long.toString(v);
            long after = v + step;
            boolean overflow = step > 0 ? after < v : after > v;
            if (overflow || (step > 0 ? after > last : after < last)) {
                done = true;
            }
            next = after;
            return Optional.of(List.of(s));
        }
    }

    /** {@code ~LST(var, v1, v2...)} or {@code ~LST({a,b}, {1,2}, ...)}. */
    static final class Lst extends Repeat {
        private final List<List<String>> values;
        private int index;

        Lst(List<String> vars, List<List<String>> values, Line text) {
            super(vars, text);
            this.values = List.copyOf(values);
        }

        @Override
        Optional<List<String>> next() {
            return index < values.size() ? Optional.of(values.get(index++)) : Optional.empty();
        }
    }
}
