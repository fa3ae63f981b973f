package io.jkeepalived.config.lex;

import io.jkeepalived.config.Diagnostic;
import io.jkeepalived.config.Diagnostics;
import java.nio.file.Path;
import java.util.Map;

/** Prints the tree and diagnostics of a file: {@code DumpTree FILE [CONFIG_ID]}, for comparing with keepalived by hand. */
final class DumpTree {
    private DumpTree() {}

    public static void main(String[] args) {
        var d = new Diagnostics();
        String id = args.length > 1 ? args[1] : "main";
        var nodes = ConfigReader.read(Path.of(args[0]), new ReaderOptions(id, Map.of(), false), d);
        System.out.print(LexTesting.render(nodes, 0));
        d.all().stream().map(Diagnostic::render).forEach(System.err::println);
    }
}
