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

    /** Handles the line if it is an include; returns whether it was. */
    static boolean tryInclude(Line line, Preprocessor pp) {
        String s = line.text();
        int i = 0;
        while (i < s.length() && LineLexer.isSpace(s.charAt(i))) {
            i++;
        }
        if (!s.startsWith("include", i)) {
            return false;
        }
        Diagnostics diags = pp.diags();
        List<Lexeme> lexemes = LineLexer.lex(line, new Diagnostics());
        if (lexemes.isEmpty() || !(lexemes.getFirst() instanceof Lexeme.Word first)) {
            return false;
        }
        int extra = variantChecks(first.token().text());
        if (extra < 0) {
            return false;
        }
        SourcePos at = first.pos();
        var args = new ArrayList<Token>();
        for (Lexeme lx : lexemes.subList(1, lexemes.size())) {
            if (lx instanceof Lexeme.Word w) {
                args.add(w.token());
            } else {
                diags.error(lx.pos(), "'" + first.token().text() + "' takes a file name, not a block");
                return true;
            }
        }
        if (args.isEmpty()) {
            diags.error(at, "'" + first.token().text() + "' needs a file name");
            return true;
        }
        if (args.size() > 1) {
            diags.warning(args.get(1).pos(), "'" + first.token().text() + "' takes one file name; ignoring the rest of the line");
        }
        int checks = pp.includeCheck().current() | extra;
        if (pp.options().allConfig()) {
            checks |= IncludeCheck.ALL;
        }
        include(args.getFirst(), checks, pp, at);
        return true;
    }

    private static void include(Token name, int checks, Preprocessor pp, SourcePos at) {
        Diagnostics diags = pp.diags();
        Path base = pp.current().dir;
        List<Glob.Alternative> alts = Glob.expand(name.text(), base);
        var files = new ArrayList<Path>();
        boolean any = false;
        for (Glob.Alternative a : alts) {
            if (a.files().isEmpty()) {
                if ((checks & IncludeCheck.BRACE_MATCH) != 0 && alts.size() > 1) {
                    diags.error(name.pos(), "include: no file matches '" + a.pattern() + "'");
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
