package io.jkeepalived.config.lex;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * glob(3) with GLOB_BRACE as keepalived calls it: csh braces expand first, each alternative is
 * matched segment by segment, matches of one alternative come back sorted, directories are skipped.
 */
final class Glob {
    private Glob() {}

    /** The result of one alternative of a brace expansion. */
    record Alternative(String pattern, boolean wildcard, List<Path> files) {}

    static boolean hasWildcard(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '*' || c == '?' || c == '[') {
                return true;
            }
        }
        return false;
    }

    static final int MAX_ALTERNATIVES = 1024;
    static final int MAX_BRACE_GROUPS = 64;

    static List<Alternative> expand(List<String> patterns, Path baseDir) {
        var out = new ArrayList<Alternative>();
        for (String alt : patterns) {
            var files = new ArrayList<Path>();
            try {
                Path p = baseDir.resolve(alt);
                if (hasWildcard(alt)) {
                    match(p, files);
                } else if (Files.exists(p) && !Files.isDirectory(p)) {
                    files.add(p.normalize());
                }
            } catch (InvalidPathException e) {
                // a name no file can have (a NUL byte, say) matches nothing, as in glob(3)
                files.clear();
            }
            out.add(new Alternative(alt, hasWildcard(alt), files));
        }
        return out;
    }

    private static void match(Path pattern, List<Path> out) {
        Path root = pattern.getRoot();
        List<Path> current = new ArrayList<>();
        current.add(root == null ? Path.of("") : root);
        int count = pattern.getNameCount();
        for (int i = 0; i < count; i++) {
            String seg = pattern.getName(i).toString();
            boolean last = i == count - 1;
            var nextLevel = new ArrayList<Path>();
            for (Path dir : current) {
                if (!hasWildcard(seg)) {
                    Path c = dir.resolve(seg);
                    if (last ? Files.exists(c) : Files.isDirectory(c)) {
                        nextLevel.add(c);
                    }
                    continue;
                }
                var found = new ArrayList<Path>();
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir.toString().isEmpty() ? Path.of(".") : dir)) {
                    for (Path c : ds) {
                        String fn = c.getFileName().toString();
                        if (fn.startsWith(".") && !seg.startsWith(".")) {
                            continue;
                        }
                        if (fnmatch(seg, fn) && (last || Files.isDirectory(c))) {
                            found.add(dir.resolve(fn));
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // unreadable directory: glob(3) treats it as no match
                }
                found.sort(null);
                nextLevel.addAll(found);
            }
            current = nextLevel;
            if (current.isEmpty()) {
                return;
            }
        }
        for (Path p : current) {
            if (!Files.isDirectory(p)) {
                out.add(p.normalize());
            }
        }
    }

    /**
     * fnmatch(3) without flags: {@code *}, {@code ?}, {@code [set]} with ranges and {@code !}/{@code ^}
     * negation, backslash quoting. The single-backtrack scan keeps it O(pattern x name).
     */
    static boolean fnmatch(String pat, String name) {
        int p = 0;
        int n = 0;
        int starP = -1;
        int starN = -1;
        while (n < name.length()) {
            if (p < pat.length()) {
                char c = pat.charAt(p);
                if (c == '*') {
                    starP = ++p;
                    starN = n;
                    continue;
                }
                int next = matchOne(pat, p, name.charAt(n));
                if (next >= 0) {
                    p = next;
                    n++;
                    continue;
                }
            }
            if (starP < 0) {
                return false;
            }
            p = starP;
            n = ++starN;
        }
        while (p < pat.length() && pat.charAt(p) == '*') {
            p++;
        }
        return p == pat.length();
    }

    /** If the pattern element at {@code p} matches {@code c}, the index after it; otherwise -1. */
    private static int matchOne(String pat, int p, char c) {
        char pc = pat.charAt(p);
        if (pc == '?') {
            return p + 1;
        }
        if (pc == '\\' && p + 1 < pat.length()) {
            return pat.charAt(p + 1) == c ? p + 2 : -1;
        }
        if (pc == '[') {
            int i = p + 1;
            boolean negate = i < pat.length() && (pat.charAt(i) == '!' || pat.charAt(i) == '^');
            if (negate) {
                i++;
            }
            boolean found = false;
            boolean first = true;
            while (i < pat.length() && (first || pat.charAt(i) != ']')) {
                first = false;
                char lo = pat.charAt(i);
                char hi = lo;
                if (i + 2 < pat.length() && pat.charAt(i + 1) == '-' && pat.charAt(i + 2) != ']') {
                    hi = pat.charAt(i + 2);
                    i += 2;
                }
                if (c >= lo && c <= hi) {
                    found = true;
                }
                i++;
            }
            if (i >= pat.length()) {
                // no closing bracket: '[' is an ordinary character
                return c == '[' ? p + 1 : -1;
            }
            return found != negate ? i + 1 : -1;
        }
        return pc == c ? p + 1 : -1;
    }

    /**
     * csh brace expansion: {@code a{b,c{d,e}}f} gives abf, acdf, acef; unbalanced braces stay
     * literal. Stops growing past {@link #MAX_ALTERNATIVES} + 1 results.
     */
    static List<String> braces(String s) {
        if (s.chars().filter(c -> c == '{').count() > MAX_BRACE_GROUPS) {
            // no real include has this many; expanding would recurse once per group
            return List.of(s);
        }
        var out = new ArrayList<String>();
        braces(s, out);
        return out;
    }

    private static void braces(String s, List<String> out) {
        if (out.size() > MAX_ALTERNATIVES) {
            return;
        }
        int open = -1;
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '{') {
                if (depth == 0) {
                    open = i;
                }
                depth++;
            } else if (c == '}' && depth > 0) {
                depth--;
                if (depth == 0) {
                    String inner = s.substring(open + 1, i);
                    // glob(3) leaves "{}" alone
                    if (inner.isEmpty()) {
                        open = -1;
                        continue;
                    }
                    String prefix = s.substring(0, open);
                    String suffix = s.substring(i + 1);
                    for (String part : splitTopLevel(inner)) {
                        braces(prefix + part + suffix, out);
                    }
                    return;
                }
            }
        }
        out.add(s);
    }

    private static List<String> splitTopLevel(String inner) {
        var parts = new ArrayList<String>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(inner.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(inner.substring(start));
        return parts;
    }
}
