package io.jkeepalived.config.lex;

import io.jkeepalived.config.Diagnostics;
import io.jkeepalived.config.SourcePos;
import io.jkeepalived.config.tree.Token;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code include} and its checked variants: glob the name and push the matching files. */
final class Includes {
    private Includes() {}

    /** Extra checks each variant adds to the current include_check level. */
    static int variantChecks(String keyword) {
        return switch (keyword) {
            case "include" -> 0;
            case "includer" -> IncludeCheck.READABLE;
            case "includem" -> IncludeCheck.MATCH | IncludeCheck.READABLE;
            case "includew" -> IncludeCheck.WILDCARD_MATCH | IncludeCheck.READABLE;
            case "includeb" -> IncludeCheck.BRACE_MATCH | IncludeCheck.READABLE;
            case "includea" -> IncludeCheck.ALL;
            default -> -1;
        };
    }

    /**
     * Handles the line if it is an include; returns whether it was. As in keepalived, the file name
     * is the whole rest of the line, spaces included; a name in double quotes loses its quotes.
     */
    static boolean tryInclude(Line line, Preprocessor pp) {
        if (!line.startsWith("include")) {
            return false;
        }
        String s = line.text();
        int kwEnd = 0;
        while (kwEnd < s.length() && !LineLexer.isSpace(s.charAt(kwEnd))) {
            kwEnd++;
        }
        String keyword = s.substring(0, kwEnd);
        int extra = variantChecks(keyword);
        if (extra < 0) {
            return false;
        }
        Diagnostics diags = pp.diags();
        SourcePos at = line.posAt(0);
        int nameStart = kwEnd;
        while (nameStart < s.length() && LineLexer.isSpace(s.charAt(nameStart))) {
            nameStart++;
        }
        if (nameStart >= s.length()) {
            diags.error(at, "'" + keyword + "' needs a file name");
            return true;
        }
        String name = s.substring(nameStart).strip();
        if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
            name = name.substring(1, name.length() - 1);
        }
        int checks = pp.includeCheck().current() | extra;
        if (pp.options().allConfig()) {
            checks |= IncludeCheck.ALL;
        }
        include(new Token(name, line.posAt(nameStart), false), checks, pp, at);
        return true;
    }

    private static void include(Token name, int checks, Preprocessor pp, SourcePos at) {
        Diagnostics diags = pp.diags();
        Path base = pp.currentFile().dir;
        List<String> patterns = Glob.braces(name.text());
        if (patterns.size() > Glob.MAX_ALTERNATIVES) {
            diags.error(name.pos(), "include: '" + name.text() + "' expands to more than " + Glob.MAX_ALTERNATIVES
                    + " names");
            return;
        }
        List<Glob.Alternative> alts = Glob.expand(patterns, base);
        var files = new ArrayList<Path>();
        boolean any = false;
        for (Glob.Alternative a : alts) {
            if (a.files().isEmpty()) {
                if ((checks & IncludeCheck.BRACE_MATCH) != 0 && alts.size() > 1) {
                    diags.error(name.pos(), "include: no file matches '" + a.pattern() + "' from the braces of '"
                            + name.text() + "'");
                }
            } else {
                any = true;
            }
            files.addAll(a.files());
        }
        if (!any) {
            boolean wildcard = Glob.hasWildcard(name.text());
            if ((checks & IncludeCheck.WILDCARD_MATCH) != 0 || (!wildcard && (checks & IncludeCheck.MATCH) != 0)) {
                diags.error(name.pos(), "include: no file matches '" + name.text() + "'");
            } else if (!wildcard) {
                diags.warning(name.pos(), "include: no file matches '" + name.text() + "'",
                        "use includem to make this an error, or check the path");
            }
        }
        boolean reportUnreadable = (checks & IncludeCheck.READABLE) != 0;
        if (!reportUnreadable) {
            files.removeIf(f -> !Files.isReadable(f));
        }
        pp.include(files, at, reportUnreadable);
    }
}
