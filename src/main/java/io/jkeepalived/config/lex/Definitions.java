package io.jkeepalived.config.lex;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code $NAME=value} parameters and the predefined {@code ${_NAME}} ones. A value is kept
 * unexpanded: substitution happens where the parameter is used.
 */
final class Definitions {

    /** What a parameter stands for. */
    sealed interface Def {
        /** Most parameters take no {@code ${NAME params}}; the predefined ones below do. */
        default int maxParams() {
            return 0;
        }
    }

    /** A user definition; {@code lines} holds more than one line for a multi-line definition. */
    record Text(List<String> lines, boolean multiline) implements Def {
        String firstLine() {
            return lines.isEmpty() ? "" : lines.getFirst();
        }
    }

    /** A predefined parameter whose value is computed at each use. */
    enum Builtin implements Def {
        PWD, INSTANCE, RANDOM, ENV, HASH, BANG;

        @Override
        public int maxParams() {
            return switch (this) {
                case RANDOM -> 2;
                case ENV -> 1;
                default -> 0;
            };
        }
    }

    private final Map<String, Def> defs = new HashMap<>();

    Definitions() {
        defs.put("_PWD", Builtin.PWD);
        defs.put("_INSTANCE", Builtin.INSTANCE);
        defs.put("_RANDOM", Builtin.RANDOM);
        defs.put("_ENV", Builtin.ENV);
        defs.put("_HASH", Builtin.HASH);
        defs.put("_BANG", Builtin.BANG);
    }

    void define(String name, List<String> lines, boolean multiline) {
        defs.put(name, new Text(List.copyOf(lines), multiline));
    }

    void set(String name, String value) {
        defs.put(name, new Text(List.of(value), false));
    }

    Optional<Def> get(String name) {
        return Optional.ofNullable(defs.get(name));
    }

    static boolean isNameStart(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    }

    static boolean isNameChar(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }
}
