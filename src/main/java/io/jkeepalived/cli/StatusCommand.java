package io.jkeepalived.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jkeepalived.daemon.DaemonSettings;
import io.jkeepalived.status.StatusJson;
import io.jkeepalived.status.StatusTable;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jkeepalived status [--json] [--control-socket PATH]}: asks a running daemon for its live
 * state over its control socket and prints a table, or the JSON document as served. Exit 0 when
 * answered, 1 on a usage error, 3 when no daemon answers.
 */
final class StatusCommand {
    static final int EXIT_NO_DAEMON = 3;

    @Command(name = "jkeepalived status", description = "Show the live state of a running jkeepalived")
    static final class Options {
        @Option(names = "--json", description = "Print the status document as JSON") boolean json;
        @Option(names = "--control-socket", paramLabel = "PATH",
                description = "The daemon's control socket (default /run/jkeepalived/control.sock)")
        Optional<Path> controlSocket = Optional.empty();
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Display this help message") boolean help;
    }

    private StatusCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Options o = new Options();
        CommandLine cl = new CommandLine(o);
        cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        try {
            cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            err.println(e.getMessage());
            return 1;
        }
        if (o.help) {
            cl.usage(out);
            return 0;
        }
        Path socket = o.controlSocket.orElse(DaemonSettings.DEFAULT_CONTROL_SOCKET);
        String reply;
        try {
            reply = ask(socket, "status");
        } catch (IOException e) {
            err.println("jkeepalived status: cannot reach a daemon at " + socket + " (" + e.getMessage() + ")."
                    + " Is jkeepalived running, and started with this --control-socket? Reading it needs root.");
            return EXIT_NO_DAEMON;
        }
        JsonNode doc;
        try {
            doc = StatusJson.mapper().readTree(reply);
        } catch (IOException e) {
            err.println("jkeepalived status: the daemon's answer is not JSON: " + e.getMessage());
            return EXIT_NO_DAEMON;
        }
        if (doc.has("error")) {
            err.println("jkeepalived status: " + doc.path("error").asText());
            return EXIT_NO_DAEMON;
        }
        out.print(o.json ? reply : StatusTable.render(doc, ZoneId.systemDefault()));
        out.flush();
        return 0;
    }

    static String ask(Path socket, String request) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ByteBuffer req = ByteBuffer.wrap((request + "\n").getBytes(StandardCharsets.UTF_8));
            while (req.hasRemaining()) {
                ch.write(req);
            }
            ch.shutdownOutput();
            return new String(Channels.newInputStream(ch).readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
