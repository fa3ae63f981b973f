package io.jkeepalived.config.lex;

import io.jkeepalived.config.Diagnostics;
import io.jkeepalived.config.SourcePos;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Replaces {@code $NAME} (followed by blank, comma, closing parenthesis or the end) and
 * {@code ${NAME}} with their values. Replaced text is scanned again, which makes substitution
 * recursive; limits on the number of replacements and on the line length turn definitions that
 * refer to themselves into a diagnostic instead of a hang.
 */
final class Substitution {
    static final int MAX_REPLACEMENTS = 4096;
    static final int MAX_LINE = 64 * 1024;
    /** Characters rewritten for one line; bounds the cost of a self-referring parameter. */
    static final long MAX_WORK = 2_000_000;

    /** Where predefined parameters get their values. */
    interface Context {
        String pwd();

        String instance();

        Optional<String> env(String name);

        long random(long min, long max);
    }

    /** The rest of a multi-line definition used at the end of a line, read after that line. */
    record Continuation(List<String> lines, SourcePos at) {}

    /**
     * @param line the text after substitution, empty if a limit was hit (the line is dropped)
     * @param changed whether anything was replaced
     * @param continuations multi-line remainders, in the order they must be stacked
     */
    record Result(Optional<Line> line, boolean changed, List<Continuation> continuations) {}

    private final Definitions defs;
    private final Context ctx;
    private final Diagnostics diags;

    Substitution(Definitions defs, Context ctx, Diagnostics diags) {
        this.defs = defs;
        this.ctx = ctx;
        this.diags = diags;
    }

    Result apply(Line line) {
        String text = line.text();
        int first = text.indexOf('$');
        if (first < 0 || first == text.length() - 1) {
            return new Result(Optional.of(line), false, List.of());
        }
        var sb = new StringBuilder(text);
        int[] cols = new int[Math.max(16, text.length() * 2)];
        line.copyCols(0, text.length(), cols, 0);
        var continuations = new ArrayList<Continuation>();
        boolean changed = false;
        int replacements = 0;
        long work = 0;
        int at = first;
        while (at >= 0 && at < sb.length() - 1) {
            Optional<Ref> ref = parse(sb, at);
            if (ref.isEmpty()) {
                at = indexOf(sb, '$', at + 1);
                continue;
            }
            Ref r = ref.get();
            SourcePos usePos = line.pos().at(line.pos().line(), cols[at]);
            work += sb.length();
            if (++replacements > MAX_REPLACEMENTS || work > MAX_WORK) {
                diags.error(usePos, "parameter substitution does not end: stopped after " + (replacements - 1)
                        + " replacements on one line", "a parameter probably refers to itself; the line is ignored");
                return new Result(Optional.empty(), true, List.of());
            }
            String value = value(r, usePos, continuations);
            int newLen = sb.length() - (r.end - at) + value.length();
            if (newLen > MAX_LINE) {
                diags.error(usePos, "parameter substitution makes the line longer than " + MAX_LINE + " characters",
                        "a parameter probably refers to itself; the line is ignored");
                return new Result(Optional.empty(), true, List.of());
            }
            if (newLen > cols.length) {
                cols = Arrays.copyOf(cols, Math.max(newLen, cols.length * 2));
            }
            int tail = sb.length() - r.end;
            System.arraycopy(cols, r.end, cols, at + value.length(), tail);
            Arrays.fill(cols, at, at + value.length(), cols[at]);
            sb.replace(at, r.end, value);
            changed = true;
            if (startsWithTilde(value)) {
                // a replacement that starts a ~SEQ/~LST leaves the rest of the line to that expansion
                break;
            }
            // stay at the same place: the replacement is scanned again
        }
        String out = sb.toString();
        return new Result(Optional.of(Line.mapped(out, line.pos(), Arrays.copyOf(cols, out.length()))), changed,
                continuations);
    }

    private static boolean startsWithTilde(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != ' ' && c != '\t') {
                return c == '~';
            }
        }
        return false;
    }

    private static int indexOf(StringBuilder sb, char c, int from) {
        int n = sb.length();
        for (int i = from; i < n; i++) {
            if (sb.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    /** One parameter reference: {@code $} at {@code start}, text up to {@code end}. */
    private record Ref(int end, String name, Definitions.Def def, String params) {}

    private Optional<Ref> parse(StringBuilder t, int dollar) {
        int n = t.length();
        int p = dollar + 1;
        boolean braces = t.charAt(p) == '{';
        if (braces) {
            p++;
        }
        if (p >= n || !Definitions.isNameStart(t.charAt(p))) {
            return Optional.empty();
        }
        int q = p + 1;
        while (q < n && Definitions.isNameChar(t.charAt(q))) {
            q++;
        }
        String name = t.substring(p, q);
        String params = "";
        int end;
        if (braces) {
            int r = q;
            while (r < n && isParamChar(t.charAt(r))) {
                r++;
            }
            if (r >= n || t.charAt(r) != '}') {
                return Optional.empty();
            }
            if (r > q) {
                if (t.charAt(q) != ' ' || t.charAt(r - 1) == ' ') {
                    return Optional.empty();
                }
                params = t.substring(q, r).strip();
            }
            end = r + 1;
        } else {
            if (q < n) {
                char c = t.charAt(q);
                if (c != ' ' && c != '\t' && c != ',' && c != ')') {
                    return Optional.empty();
                }
            }
            end = q;
        }
        Optional<Definitions.Def> def = defs.get(name);
        if (def.isEmpty()) {
            return Optional.empty();
        }
        Definitions.Def d = def.get();
        if (d instanceof Definitions.Text text && text.multiline() && end != n) {
            return Optional.empty();
        }
        if (!params.isEmpty() && d.maxParams() == 0) {
            return Optional.empty();
        }
        return Optional.of(new Ref(end, name, d, params));
    }

    private static boolean isParamChar(char c) {
        return c == ' ' || Definitions.isNameChar(c);
    }

    private String value(Ref r, SourcePos usePos, List<Continuation> continuations) {
        return switch (r.def) {
            case Definitions.Text text -> {
                if (text.multiline() && text.lines().size() > 1) {
                    continuations.add(new Continuation(text.lines().subList(1, text.lines().size()), usePos));
                }
                yield text.firstLine();
            }
            case Definitions.Builtin b -> switch (b) {
                case PWD -> ctx.pwd();
                case INSTANCE -> ctx.instance();
                case HASH -> "#";
                case BANG -> "!";
                case ENV -> ctx.env(r.params).orElse("");
                case RANDOM -> random(r.params, usePos);
            };
        };
    }

    private String random(String params, SourcePos usePos) {
        long min = 0;
        long max = 32767;
        String[] parts = params.isEmpty() ? new String[0] : params.split("\\s+");
        try {
            if (parts.length > 2) {
                diags.warning(usePos, "too many parameters for ${_RANDOM}: '" + params + "'", "use ${_RANDOM [MIN [MAX]]}");
            }
            if (parts.length >= 1) {
                min = Long.parseLong(parts[0]);
            }
            if (parts.length >= 2) {
                max = Long.parseLong(parts[1]);
            }
        } catch (NumberFormatException e) {
            diags.error(usePos, "${_RANDOM} takes non-negative integers, not '" + params + "'");
            return "0";
        }
        if (max < min) {
            diags.warning(usePos, "${_RANDOM " + params + "}: MAX is below MIN, using MIN");
            return Long.toString(min);
        }
        return Long.toString(ctx.random(min, max));
    }
}
