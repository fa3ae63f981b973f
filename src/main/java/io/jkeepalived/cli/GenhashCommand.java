package io.jkeepalived.cli;

import io.jkeepalived.check.probe.Endpoint;
import io.jkeepalived.check.probe.HttpTarget;
import io.jkeepalived.check.probe.HttpVersion;
import io.jkeepalived.check.probe.PageDigest;
import io.jkeepalived.check.probe.TlsContexts;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jkeepalived -T|--genhash [options]}: keepalived's genhash. Fetches one page with the
 * HTTP_GET / SSL_GET client and prints {@code MD5SUM = <hex>}, the value for a url's {@code digest}.
 * Exit 0 on a fetched page (any status), 1 on a bad command line or a failed fetch.
 */
final class GenhashCommand {

    @Command(name = "jkeepalived --genhash", sortOptions = false,
            description = "Fetch a web page and print the MD5 of its body for HTTP_GET/SSL_GET 'digest'.")
    static final class Options {
        @Option(names = {"-S", "--use-ssl"}, description = "Use TLS") boolean ssl;
        @Option(names = {"-s", "--server"}, required = true, paramLabel = "HOST", description = "Server address") String server;
        @Option(names = {"-p", "--port"}, paramLabel = "PORT", description = "Port (default 80, 443 with -S)") Optional<Integer> port = Optional.empty();
        @Option(names = {"-u", "--url"}, paramLabel = "PATH", description = "Path (default /)") String url = "/";
        @Option(names = {"-V", "--use-virtualhost"}, paramLabel = "HOST", description = "Host header (and TLS SNI)") Optional<String> vhost = Optional.empty();
        @Option(names = {"-P", "--protocol"}, paramLabel = "VERSION", description = "1.0, 1.0c or 1.1 (default 1.0)") String protocol = "1.0";
        @Option(names = {"-t", "--timeout"}, paramLabel = "SECONDS", description = "Whole-request timeout (default 5)") double timeout = 5;
        @Option(names = {"-m", "--fwmark"}, paramLabel = "MARK", description = "Accepted; the JDK socket cannot set SO_MARK") Optional<Long> fwmark = Optional.empty();
        @Option(names = {"-v", "--verbose"}, description = "Also print the status line and headers") boolean verbose;
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help") boolean help;
    }

    private GenhashCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Options o = new Options();
        CommandLine cl = new CommandLine(o);
        cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        try {
            cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            err.println(e.getMessage());
            cl.usage(err);
            return 1;
        }
        if (o.help) {
            cl.usage(out);
            return 0;
        }
        InetAddress addr;
        try {
            addr = InetAddress.getByName(o.server);
        } catch (UnknownHostException e) {
            err.println("genhash: unknown server " + o.server);
            return 1;
        }
        int port = o.port.orElse(o.ssl ? 443 : 80);
        String host = o.vhost.orElseGet(() -> addr instanceof Inet6Address ? "[" + addr.getHostAddress() + "]" : addr.getHostAddress());
        String hostHeader = port == (o.ssl ? 443 : 80) ? host : host + ":" + port;
        HttpTarget t = new HttpTarget(new Endpoint(new InetSocketAddress(addr, port), Optional.empty(), Optional.empty(), o.fwmark),
                o.url, hostHeader, HttpVersion.of(o.protocol), o.ssl ? Optional.of(TlsContexts.defaults()) : Optional.empty(),
                o.ssl ? o.vhost : Optional.empty());
        return switch (PageDigest.fetch(t, Duration.ofMillis((long) (o.timeout * 1000)))) {
            case PageDigest.Page p -> {
                if (o.verbose) {
                    out.println(p.statusLine());
                    p.headers().forEach(out::println);
                    out.println();
                    out.println("Body length: " + p.bodyLength());
                }
                out.println("MD5SUM = " + p.md5Hex());
                yield 0;
            }
            case PageDigest.Failed f -> {
                err.println("genhash: " + f.reason() + ": " + f.detail());
                yield 1;
            }
        };
    }
}
