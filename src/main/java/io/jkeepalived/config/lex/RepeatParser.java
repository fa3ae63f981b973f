package io.jkeepalived.config.lex;

import io.jkeepalived.config.Diagnostics;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Reads the head of a {@code ~SEQ(...)}, {@code ~SEQx(...)} or {@code ~LST(...)} line. Numbers
 * follow strtol(3) with base 0, so {@code 0x90} is hex and {@code 010} octal, as in keepalived.
 * Parameters inside the parentheses are substituted first.
 */
final class RepeatParser {
    private RepeatParser() {}

    static boolean isRepeat(Line line) {
        return line.startsWith("~SEQ") || line.startsWith("~LST");
    }

    static Optional<Repeat> parse(Line line, UnaryOperator<String> substitute, Diagnostics diags) {
        String s = line.text();
        boolean lst = s.startsWith("~LST");
        int p = 4;
        boolean hex = false;
        if (!lst && p < s.length() && s.charAt(p) == 'x') {
            hex = true;
            p++;
        }
        String what = lst ? "~LST" : hex ? "~SEQx" : "~SEQ";
        p = skipBlanks(s, p);
        if (p >= s.length() || s.charAt(p) != '(') {
            return fail(line, diags, what, "expected '(' after " + what);
        }
        p = skipBlanks(s, p + 1);
        int close = findClose(s, p);
        if (close < 0) {
            return fail(line, diags, what, "missing ')'");
        }
        Line rest = line.slice(skipBlanks(s, close + 1), s.length());
        if (lst) {
            return parseList(s.substring(p, close), rest, substitute, line, diags);
        }
        int varEnd = p;
        while (varEnd < close && " \t,".indexOf(s.charAt(varEnd)) < 0) {
            varEnd++;
        }
        String var = s.substring(p, varEnd);
        int comma = skipBlanks(s, varEnd);
        if (var.isEmpty() || comma >= close || s.charAt(comma) != ',') {
            return fail(line, diags, what, "expected " + what + "(VAR, [START,] [STEP,] END)");
        }
        if (!isName(var)) {
            return fail(line, diags, what, "'" + var + "' is not a parameter name");
        }
        String args = substitute.apply(s.substring(comma + 1, close));
        String[] parts = args.split(",", -1);
        if (parts.length > 3) {
            return fail(line, diags, what, "too many values, expected [START,] [STEP,] END");
        }
        long[] nums = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Optional<Long> v = strtol(parts[i].strip());
            if (v.isEmpty()) {
                return fail(line, diags, what, "'" + parts[i].strip() + "' is not a number");
            }
            nums[i] = v.get();
        }
        long start;
        long step;
        long end;
        switch (nums.length) {
            case 1 -> {
                end = nums[0];
                step = end < 1 ? -1 : 1;
                start = end < 0 ? -1 : 1;
            }
            case 2 -> {
                start = nums[0];
                end = nums[1];
                step = start <= end ? 1 : -1;
            }
            default -> {
                start = nums[0];
                step = nums[1];
                end = nums[2];
                if (step == 0 || (start < end && step < 0) || (start > end && step > 0)) {
                    return fail(line, diags, what, "step " + step + " never gets from " + start + " to " + end);
                }
            }
        }
        if (hex && (start < 0 || end < 0)) {
            return fail(line, diags, what, "~SEQx is only valid for non-negative numbers");
        }
        return Optional.of(new Repeat.Seq(var, start, step, end, hex, rest));
    }

    private static Optional<Repeat> parseList(String inside, Line rest, UnaryOperator<String> substitute, Line line,
            Diagnostics diags) {
        String body = substitute.apply(inside).strip();
        List<String> vars;
        String values;
        if (body.startsWith("{")) {
            int close = body.indexOf('}');
            if (close < 0) {
                return fail(line, diags, "~LST", "missing '}' after the variable names");
            }
            vars = splitTrim(body.substring(1, close));
            values = body.substring(close + 1).strip();
        } else {
            int comma = body.indexOf(',');
            vars = List.of((comma < 0 ? body : body.substring(0, comma)).strip());
            values = comma < 0 ? "" : body.substring(comma);
        }
        for (String v : vars) {
            if (!isName(v)) {
                return fail(line, diags, "~LST", "'" + v + "' is not a parameter name");
            }
        }
        if (!values.startsWith(",")) {
            return fail(line, diags, "~LST", "expected ~LST(VAR, VALUE, ...) or ~LST({VAR,...}, {VALUE,...}, ...)");
        }
        values = values.substring(1);
        var rows = new ArrayList<List<String>>();
        if (vars.size() == 1 && !values.strip().startsWith("{")) {
            for (String v : splitTrim(values)) {
                rows.add(List.of(v));
            }
        } else {
            int i = 0;
            while (i < values.length()) {
                char c = values.charAt(i);
                if (c == ' ' || c == '\t' || c == ',') {
                    i++;
                    continue;
                }
                if (c != '{') {
                    return fail(line, diags, "~LST", "expected '{' to start a group of values");
                }
                int close = values.indexOf('}', i);
                if (close < 0) {
                    return fail(line, diags, "~LST", "missing '}' after a group of values");
                }
                List<String> row = splitTrim(values.substring(i + 1, close));
                if (row.size() != vars.size()) {
                    return fail(line, diags, "~LST", "group {" + values.substring(i + 1, close) + "} has "
                            + row.size() + " values for " + vars.size() + " variables");
                }
                rows.add(row);
                i = close + 1;
            }
        }
        if (rows.isEmpty()) {
            return fail(line, diags, "~LST", "no values");
        }
        for (List<String> row : rows) {
            for (String v : row) {
                if (v.isEmpty() || v.chars().anyMatch(c -> c == ' ' || c == '\t')) {
                    return fail(line, diags, "~LST", "value '" + v + "' is empty or contains blanks");
                }
            }
        }
        return Optional.of(new Repeat.Lst(vars, rows, rest));
    }

    private static List<String> splitTrim(String s) {
        var out = new ArrayList<String>();
        for (String p : s.split(",", -1)) {
            out.add(p.strip());
        }
        return out;
    }

    private static boolean isName(String s) {
        if (s.isEmpty() || !Definitions.isNameStart(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            if (!Definitions.isNameChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The ')' closing the head, skipping braces of ~LST groups. */
    private static int findClose(String s, int from) {
        int depth = 0;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            } else if (c == ')' && depth <= 0) {
                return i;
            }
        }
        return -1;
    }

    private static int skipBlanks(String s, int p) {
        while (p < s.length() && Line.isBlank(s.charAt(p))) {
            p++;
        }
        return p;
    }

    /** strtol(3) with base 0 on a whole string: sign, then 0x hex, 0 octal or decimal. */
    static Optional<Long> strtol(String s) {
        int i = 0;
        boolean neg = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            neg = s.charAt(i) == '-';
            i++;
        }
        int radix = 10;
        if (s.startsWith("0x", i) || s.startsWith("0X", i)) {
            radix = 16;
            i += 2;
        } else if (s.startsWith("0", i) && s.length() > i + 1) {
            radix = 8;
            i++;
        }
        if (i >= s.length()) {
            return Optional.empty();
        }
        try {
            long v = Long.parseLong(s.substring(i), radix);
            return Optional.of(neg ? -v : v);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Repeat> fail(Line line, Diagnostics diags, String what, String why) {
        diags.error(line.posAt(0), "invalid " + what + " specification: " + why);
        return Optional.empty();
    }
}
