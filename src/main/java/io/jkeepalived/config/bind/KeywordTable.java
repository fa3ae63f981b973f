package io.jkeepalived.config.bind;

import io.jkeepalived.config.tree.Node;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The keywords of one block and what each does to the block's builder {@code B}. Unknown keywords are
 * reported with a did-you-mean hint and skipped; legacy spellings map to their modern entry; keywords
 * on {@link NotYetImplemented} warn and are recorded.
 */
final class KeywordTable<B> {

    @FunctionalInterface
    interface Action<B> {
        void bind(Node n, B builder, Ctx ctx);
    }

    private record Entry<B>(Action<B> action, Shape shape) {}

    /** Whether the keyword takes a block, must not, or may. */
    enum Shape { LINE, BLOCK, EITHER }

    private final String block;
    private final Map<String, Entry<B>> entries = new LinkedHashMap<>();
    private final Map<String, String> legacy = new LinkedHashMap<>();
    private final Map<String, String> legacyNotes = new LinkedHashMap<>();

    KeywordTable(String block) {
        this.block = block;
    }

    KeywordTable<B> line(String keyword, Action<B> action) {
        entries.put(keyword, new Entry<>(action, Shape.LINE));
        return this;
    }

    KeywordTable<B> block(String keyword, Action<B> action) {
        entries.put(keyword, new Entry<>(action, Shape.BLOCK));
        return this;
    }

    /** Keywords that are recognised and only recorded (they must also be on NotYetImplemented). */
    KeywordTable<B> recognised(String... keywords) {
        for (String k : keywords) entries.put(k, new Entry<>((n, b, c) -> {}, Shape.EITHER));
        return this;
    }

    /** An old spelling accepted as {@code modern}. */
    KeywordTable<B> legacy(String old, String modern) {
        legacy.put(old, modern);
        return this;
    }

    /** An old spelling we accept although keepalived 2.2.7 does not: warn so -t users know. */
    KeywordTable<B> legacy(String old, String modern, String note) {
        legacy.put(old, modern);
        legacyNotes.put(old, note);
        return this;
    }

    void bindAll(Node parent, B builder, Ctx ctx) {
        for (Node child : parent.children()) bind(child, builder, ctx);
    }

    void bind(Node n, B builder, Ctx ctx) {
        String name = legacy.getOrDefault(n.name(), n.name());
        Entry<B> e = entries.get(name);
        if (e == null) {
            var known = new java.util.ArrayList<>(entries.keySet());
            known.addAll(legacy.keySet());
            String msg = "unknown keyword '" + n.name() + "'";
            DidYouMean.closest(n.name(), known).ifPresentOrElse(
                    s -> ctx.diag.error(n.pos(), msg + " — did you mean '" + s + "'?", "the line is ignored"),
                    () -> ctx.diag.error(n.pos(), msg + " in " + block, "the line is ignored"));
            return;
        }
        String note = legacyNotes.get(n.name());
        if (note != null) {
            // keepalived -t flags these; so do we (same exit code), but the value is still used
            ctx.error(n.pos(), "'" + n.name() + "' is accepted as '" + name + "', but " + note, "write '" + name + "'");
        }
        if (NotYetImplemented.contains(block, name)) {
            ctx.unimplemented(block, n);
            // still validated, so a bad value is reported as keepalived would
            if (n.block() == (e.shape() == Shape.BLOCK) || e.shape() == Shape.EITHER) e.action().bind(n, builder, ctx);
            return;
        }
        if (e.shape() == Shape.BLOCK && !n.block()) {
            ctx.error(n.pos(), "'" + n.name() + "' expects a block { ... }");
            return;
        }
        if (e.shape() == Shape.LINE && n.block()) {
            ctx.error(n.pos(), "'" + n.name() + "' does not take a block; its contents are ignored");
            return;
        }
        e.action().bind(n, builder, ctx);
    }
}
