package io.jkeepalived.config.lex;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
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

    static List<Alternative> expand(List<String> patterns, Path baseDir) {
        var out = new ArrayList<Alternative>();
        for (String alt : patterns) {
            Path p = baseDir.resolve(alt);
            var files = new ArrayList<Path>();
            if (hasWildcard(alt)) {
                match(p, files);
            } else if (Files.exists(p) && !Files.isDirectory(p)) {
                files.add(p.normalize());
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
                PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + escapeForJava(seg));
                var found = new ArrayList<Path>();
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir.toString().isEmpty() ? Path.of(".") : dir)) {
                    for (Path c : ds) {
                        String fn = c.getFileName().toString();
                        if (fn.startsWith(".") && !seg.startsWith(".")) {
                            continue;
                        }
                        if (m.matches(Path.of(fn)) && (last || Files.isDirectory(c))) {
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

    /** Java's glob syntax treats braces and backslashes specially; glob(3) segments here have no braces left. */
    private static String escapeForJava(String seg) {
        var sb = new StringBuilder(seg.length() + 4);
        for (int i = 0; i < seg.length(); i++) {
            char c = seg.charAt(i);
            if (c == '{' || c == '}' || c == ',') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /**
     * csh brace expansion: {@code a{b,c{d,e}}f} gives abf, acdf, acef; unbalanced braces stay
     * literal. Stops growing past {@link #MAX_ALTERNATIVES} + 1 results.
     */
    static List<String> braces(String s) {
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
