package io.jkeepalived.config.lex;

import io.jkeepalived.config.Diagnostics;
import io.jkeepalived.config.SourcePos;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Turns the raw lines of the main file and everything it includes into the logical lines the lexer
 * sees, in keepalived's order: comments removed; {@code @ID} conditionals decided; {@code $NAME=}
 * definitions recorded; {@code ~SEQ}/{@code ~LST} unrolled; parameters substituted (and the result
 * checked again); includes followed; and finally each line cut at its first unquoted brace, so what
 * comes out is either {@code {}, {@code }} or a statement without braces.
 */
final class Preprocessor implements Substitution.Context {
    static final int MAX_INCLUDE_DEPTH = 64;
    /** Rechecks of one line after substitution (a definition that expands to a conditional of itself). */
    static final int MAX_RECHECKS = 256;

    private final ReaderOptions options;
    private final Diagnostics diags;
    private final Limits limits;
    private final Deque<Frame> frames = new ArrayDeque<>();
    private final IncludeCheck includeCheck;
    private final Definitions defs = new Definitions();
    private final Substitution substitution;
    private Random random = new Random();
    /** The pieces of the last line after its first brace, read before anything else. */
    private final Deque<Line> residue = new ArrayDeque<>();
    /** The raw line {@link #nextRaw()} read last. */
    private Line raw;
    /** The logical line {@link #advance()} read last: {@code line[lineFrom, lineTo)}. */
    private Line line;
    private int lineFrom;
    private int lineTo;
    /**
     * The rest of the plain line cut last, after its brace: {@code rest[restFrom, restTo)}, read before
     * anything else (a cut-out piece would go first in {@link #residue}); null when there is none.
     */
    private Line rest;
    private int restFrom;
    private int restTo;
    private boolean lastFromFile;
    private long generated;
    private long emittedChars;
    private boolean budgetReported;
    /** A multi-line definition being collected. */
    private String defining;
    private List<String> definingLines;

    /** Bounds on macro expansion, so hostile input ends with a diagnostic. */
    record Limits(long maxGeneratedLines, long maxTotalChars) {
        static final Limits DEFAULT = new Limits(2_000_000, 200_000_000);

        Limits(long maxGeneratedLines) {
            this(maxGeneratedLines, DEFAULT.maxTotalChars);
        }
    }

    Preprocessor(ReaderOptions options, Diagnostics diags, Limits limits) {
        this.options = options;
        this.diags = diags;
        this.limits = limits;
        this.includeCheck = new IncludeCheck(diags);
        this.substitution = new Substitution(defs, this, diags);
    }

    void pushText(String name, Path dir, String text) {
        Path real;
        try {
            real = dir.resolve(name).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            real = dir.toAbsolutePath().resolve("(text)");
        }
        frames.push(new SourceFile(name, real, dir, List.of(), text, includeCheck.current()));
    }

    void pushFile(Path file) {
        String name = file.toString();
        SourcePos at = SourcePos.of(name, 0, 0);
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            diags.error(at, "configuration file " + name + " is not a regular file");
            return;
        }
        if (SourceFiles.isExecutable(file)) {
            diags.error(at, "configuration file " + name + " is executable; keepalived refuses such files");
            return;
        }
        SourceFiles.read(file, at, true, diags).ifPresent(t -> frames.push(
                new SourceFile(name, SourceFiles.realPath(file), SourceFiles.dirOf(file), List.of(), t, includeCheck.current())));
    }

    /**
     * Reads the next logical line: its text is {@link #line()} from {@link #from()} to {@link #to()}
     * (a plain line is not cut out of its source line: the range says where it is). False at the end
     * of the main file.
     */
    boolean advance() {
        while (true) {
            Line buf;
            int s;
            int e;
            boolean isRaw = false;
            if (rest != null) {
                buf = rest;
                s = restFrom;
                e = restTo;
                rest = null;
            } else if (!residue.isEmpty()) {
                buf = residue.pollFirst();
                s = buf.skipBlanks(0);
                e = buf.trimEnd(s, buf.length());
            } else {
                if (!nextRaw()) {
                    endDefinition();
                    return false;
                }
                if (defining != null) {
                    continueDefinition(lastFromFile ? Comments.strip(raw) : raw.trim());
                    continue;
                }
                buf = raw;
                isRaw = true;
                s = buf.skipBlanks(0);
                e = buf.trimEnd(s, buf.length());
            }
            // Most lines have nothing for the steps below to do: no comment, quote, parameter,
            // conditional or repeat. One pass finds out, and finds their first brace.
            int brace = BraceSplitter.plainBrace(buf, s, e);
            if (brace != BraceSplitter.NOT_PLAIN) {
                if (s == e || buf.startsWith("include", s) && Includes.tryInclude(buf.slice(s, e), this)) {
                    continue;
                }
                return cut(buf, s, e, brace);
            }
            if (isRaw) {
                buf = lastFromFile ? Comments.strip(raw) : raw.trim();
                if (buf.isEmpty()) {
                    continue;
                }
            } else if (s != 0 || e != buf.length()) {
                buf = buf.slice(s, e); // the rest of a plain line that needs the full treatment
            }
            Optional<Line> processed = process(buf);
            if (processed.isEmpty()) {
                continue;
            }
            buf = processed.get().trim();
            if (buf.isEmpty() || Includes.tryInclude(buf, this)) {
                continue;
            }
            return emit(splitBraces(buf));
        }
    }

    /** The line {@link #advance()} read: its text is from {@link #from()} to {@link #to()}, blanks around. */
    Line line() {
        return line;
    }

    int from() {
        return lineFrom;
    }

    int to() {
        return lineTo;
    }

    private boolean emit(Line out) {
        return emit(out, 0, out.length());
    }

    /** Emits the text {@code [from, to)} of {@code out}. */
    private boolean emit(Line out, int from, int to) {
        emittedChars += to - from;
        if (emittedChars > limits.maxTotalChars()) {
            diags.error(out.posAt(from), "the configuration expands to more than " + limits.maxTotalChars()
                    + " characters; reading stops here", "check ~SEQ ranges and multi-line parameters");
            frames.clear();
            residue.clear();
            rest = null;
            return false;
        }
        line = out;
        lineFrom = from;
        lineTo = to;
        return true;
    }

    /**
     * {@link #splitBraces} for a plain line, {@code [s, e)} without the blanks around it, whose first
     * brace is at {@code brace} (-1: none), by ranges of the line instead of cut-out lines: the text
     * after the brace is {@link #rest}, read next.
     */
    private boolean cut(Line buf, int s, int e, int brace) {
        if (brace < 0) {
            return emit(buf, s, e);
        }
        if (brace == s) {
            if (e - s > 1) {
                int after = buf.skipBlanks(s + 1);
                if (after < e) {
                    rest(buf, after, e);
                }
            }
            return emit(buf, s, s + 1);
        }
        rest(buf, brace, e);
        return emit(buf, s, buf.trimEnd(s, brace));
    }

    private void rest(Line buf, int from, int to) {
        rest = buf;
        restFrom = from;
        restTo = to;
    }

    /** Reads the next raw line into {@link #raw}; false when every frame is done. */
    private boolean nextRaw() {
        while (true) {
            Frame top = frames.peek();
            if (top == null) {
                return false;
            }
            // an instanceof chain, not a pattern switch: the switch's bootstrap generates a class at run
            // time, loading the class-file API for it, which no class-data archive can save -t from
            if (top instanceof SourceFile f) {
                if (f.hasNext()) {
                    lastFromFile = true;
                    raw = f.nextLine();
                    return true;
                }
                frames.pop();
                includeCheck.restore(f.savedIncludeCheck);
            } else if (top instanceof Frame.PendingIncludes p) {
                if (p.next < p.paths.size()) {
                    openIncluded(p.paths.get(p.next++), p.at, p.reportUnreadable);
                } else {
                    frames.pop();
                }
            } else if (top instanceof Frame.Continuation c) {
                if (c.next < c.lines.size() && spend(c.at)) {
                    lastFromFile = false;
                    raw = Line.at(c.lines.get(c.next++), c.at);
                    return true;
                }
                frames.pop();
            } else if (top instanceof Repeat r) {
                Optional<List<String>> values = spend(r.text.pos()) ? r.next() : Optional.empty();
                if (values.isEmpty()) {
                    frames.pop();
                } else {
                    for (int i = 0; i < r.vars.size(); i++) {
                        defs.set(r.vars.get(i), values.get().get(i));
                    }
                    lastFromFile = false;
                    raw = r.text;
                    return true;
                }
            }
        }
    }

    /** Counts one generated line; false once the expansion budget is spent. */
    private boolean spend(SourcePos at) {
        if (++generated <= limits.maxGeneratedLines()) {
            return true;
        }
        if (!budgetReported) {
            budgetReported = true;
            diags.error(at, "macro expansion produced more than " + limits.maxGeneratedLines()
                    + " lines; the rest of the expansion is dropped", "check ~SEQ ranges and self-referring parameters");
        }
        return false;
    }

    /** The conditional / definition / repeat / substitution loop for one line; empty if the line is consumed. */
    private Optional<Line> process(Line buf) {
        for (int round = 0; round < MAX_RECHECKS; round++) {
            if (buf.length() > 0 && buf.charAt(0) == '@') {
                Optional<Line> kept = conditional(buf);
                if (kept.isEmpty()) {
                    return Optional.empty();
                }
                buf = kept.get();
            }
            if (buf.length() > 1 && buf.charAt(0) == '$' && definition(buf)) {
                return Optional.empty();
            }
            if (RepeatParser.isRepeat(buf)) {
                RepeatParser.parse(buf, this::substituteString, diags).ifPresent(frames::push);
                return Optional.empty();
            }
            if (buf.length() > 0 && buf.charAt(0) == '~') {
                return Optional.of(buf);
            }
            if (buf.indexOf('$') < 0) {
                return Optional.of(buf);
            }
            Substitution.Result r = substitution.apply(buf);
            for (Substitution.Continuation c : r.continuations()) {
                frames.push(new Frame.Continuation(c.lines(), c.at()));
            }
            if (r.line().isEmpty()) {
                return Optional.empty();
            }
            if (!r.changed()) {
                return r.line();
            }
            buf = r.line().get().trim();
        }
        diags.error(buf.posAt(0), "parameter substitution keeps producing conditionals or parameters",
                "a parameter probably refers to itself; the line is ignored");
        return Optional.empty();
    }

    private String substituteString(String s) {
        var r = substitution.apply(Line.verbatim(s, SourcePos.of("", 0, 1)));
        return r.line().map(Line::text).orElse(s);
    }

    /** {@code @ID rest} keeps rest when ID is the config id; {@code @^ID rest} when it is not. */
    private Optional<Line> conditional(Line buf) {
        String s = buf.text();
        boolean negate = s.length() > 1 && s.charAt(1) == '^';
        int idStart = negate ? 2 : 1;
        int idEnd = idStart;
        while (idEnd < s.length() && !Line.isBlank(s.charAt(idEnd))) {
            idEnd++;
        }
        if (idEnd >= s.length()) {
            return Optional.empty();
        }
        boolean match = s.substring(idStart, idEnd).equals(options.configId());
        if (match == negate) {
            return Optional.empty();
        }
        return Optional.of(buf.slice(idEnd, s.length()).trim());
    }

    /** {@code $NAME=value}: records it and returns true; false if the line is not a definition. */
    private boolean definition(Line buf) {
        String s = buf.text();
        if (!Definitions.isNameStart(s.charAt(1))) {
            return false;
        }
        int p = 2;
        while (p < s.length() && s.charAt(p) != '=') {
            if (!Definitions.isNameChar(s.charAt(p))) {
                return false;
            }
            p++;
        }
        if (p >= s.length()) {
            return false;
        }
        String name = s.substring(1, p);
        String value = s.substring(p + 1).strip();
        if (value.endsWith("\\")) {
            String first = value.substring(0, value.length() - 1).stripTrailing();
            defining = name;
            definingLines = new ArrayList<>();
            if (!first.isEmpty()) {
                definingLines.add(first);
            }
        } else {
            defs.define(name, List.of(value), false);
        }
        return true;
    }

    private void continueDefinition(Line buf) {
        String s = buf.text();
        if (Comments.continues(buf)) {
            String content = s.substring(0, s.length() - 1).stripTrailing();
            if (!content.isEmpty()) {
                definingLines.add(content);
            }
            return;
        }
        if (!s.isEmpty()) {
            definingLines.add(s);
        }
        endDefinition();
    }

    private void endDefinition() {
        if (defining != null) {
            defs.define(defining, definingLines, !definingLines.isEmpty());
            defining = null;
            definingLines = null;
        }
    }

    /** Emits the line up to its first brace; the pieces after it are read next. */
    private Line splitBraces(Line buf) {
        List<Line> pieces = BraceSplitter.split(buf);
        for (int k = pieces.size() - 1; k >= 1; k--) {
            residue.addFirst(pieces.get(k));
        }
        return pieces.getFirst();
    }

    // ---- include support ----

    ReaderOptions options() {
        return options;
    }

    Diagnostics diags() {
        return diags;
    }

    IncludeCheck includeCheck() {
        return includeCheck;
    }

    SourceFile currentFile() {
        for (Frame f : frames) {
            if (f instanceof SourceFile sf) {
                return sf;
            }
        }
        throw new IllegalStateException("no open file");
    }

    /** Queues the files an include matched; they are read one after the other from the next line on. */
    void include(List<Path> paths, SourcePos at, boolean reportUnreadable) {
        if (!paths.isEmpty()) {
            frames.push(new Frame.PendingIncludes(paths, at, reportUnreadable));
        }
    }

    private int openFiles() {
        int n = 0;
        for (Frame f : frames) {
            if (f instanceof SourceFile) {
                n++;
            }
        }
        return n;
    }

    private Optional<SourceFile> openAs(Path real) {
        for (Frame f : frames) {
            if (f instanceof SourceFile sf && sf.realPath.equals(real)) {
                return Optional.of(sf);
            }
        }
        return Optional.empty();
    }

    private void openIncluded(Path file, SourcePos at, boolean report) {
        Path real = SourceFiles.realPath(file);
        String name = file.toString();
        Optional<SourceFile> loop = openAs(real);
        if (loop.isPresent()) {
            diags.error(at, "include loop: " + name + " is already being read", "it includes itself, directly or through other files");
            return;
        }
        if (openFiles() >= MAX_INCLUDE_DEPTH) {
            diags.error(at, "includes nested deeper than " + MAX_INCLUDE_DEPTH + " files");
            return;
        }
        if (!Files.isRegularFile(file) || SourceFiles.isExecutable(file)) {
            String msg = "included file " + name + " is not a regular non-executable file; keepalived skips such files";
            if (report) {
                diags.error(at, msg);
            } else {
                diags.warning(at, msg);
            }
            return;
        }
        SourceFiles.read(file, at, report, diags).ifPresent(text -> {
            var chain = new ArrayList<>(at.includedFrom());
            chain.add(SourcePos.of(at.file(), at.line(), at.col()));
            frames.push(new SourceFile(name, real, SourceFiles.dirOf(file), chain, text, includeCheck.current()));
        });
    }

    // ---- statements the language itself acts on ----

    void seedRandom(long seed) {
        random = new Random(seed);
    }

    // ---- Substitution.Context ----

    @Override
    public String pwd() {
        return currentFile().dir.toAbsolutePath().normalize().toString();
    }

    @Override
    public String instance() {
        return options.configId();
    }

    @Override
    public Optional<String> env(String name) {
        return Optional.ofNullable(options.environment().get(name));
    }

    @Override
    public long random(long min, long max) {
        long span = max - min + 1;
        if (span <= 0) {
            return min;
        }
        return min + (long) (random.nextDouble() * span);
    }
}
