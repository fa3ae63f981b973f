package io.jkeepalived.cli;

import io.jkeepalived.config.ConfigLoader;
import io.jkeepalived.config.Diagnostic;
import io.jkeepalived.config.HostView;
import io.jkeepalived.config.LoadResult;
import io.jkeepalived.config.json.ConfigJson;
import io.jkeepalived.config.lex.ReaderOptions;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * {@code -t / --config-test[=LOGFILE]}: load, print every diagnostic, exit as keepalived 2.2.7 does.
 * Exit codes observed from {@code keepalived -t}: 0 clean (also when the config file is missing,
 * unless {@code -e}); 4 missing config file with {@code -e}; 5 config errors, or an interface the
 * config names does not exist (checked first); 6 a runnable script configured without
 * {@code enable_script_security} (takes precedence over other config errors).
 */
final class ConfigTestCommand {
    static final int OK = 0;
    static final int EXIT_CONFIG = 4;
    static final int EXIT_CONFIG_TEST = 5;
    static final int EXIT_CONFIG_TEST_SECURITY = 6;

    private ConfigTestCommand() {}

    static int run(CliOptions o, ReaderOptions readerOptions, HostView host, PrintStream out, PrintStream err) {
        String logFile = o.configTest.orElse("");
        if (logFile.isEmpty()) return check(o, readerOptions, host, out, err);
        try (var log = new PrintStream(new FileOutputStream(logFile, true), true, StandardCharsets.UTF_8)) {
            return check(o, readerOptions, host, out, log);
        } catch (IOException e) {
            err.println("jkeepalived: cannot open config-test log file " + logFile + ": " + e.getMessage());
            return check(o, readerOptions, host, out, err);
        }
    }

    private static int check(CliOptions o, ReaderOptions readerOptions, HostView host, PrintStream out,
                             PrintStream report) {
        if (!Files.exists(o.useFile)) {
            report.println(o.useFile + ":0:0: " + (o.allConfig ? "error" : "warning")
                    + ": Config files missing '" + o.useFile + "'.");
            return o.allConfig ? EXIT_CONFIG : OK;
        }
        LoadResult result = ConfigLoader.load(o.useFile, readerOptions, host);
        for (Diagnostic d : result.diagnostics()) report.println(d.render());
        if (result.host().missingInterface()) {
            // keepalived stops here: a missing interface ends the check before the script-security test
            report.println(o.useFile + ":0:0: error: Non-existent interface specified in configuration");
            if (o.dumpJson) result.config().ifPresent(k -> out.print(ConfigJson.render(k)));
            return EXIT_CONFIG_TEST;
        }
        boolean insecure = result.host().runnableScripts()
                && result.config().map(k -> !k.globalDefs().enableScriptSecurity()).orElse(false);
        if (insecure) {
            report.println(o.useFile + ":0:0: warning: SECURITY VIOLATION - scripts are being executed but"
                    + " script_security not enabled.");
        }
        if (o.dumpJson) result.config().ifPresent(k -> out.print(ConfigJson.render(k)));
        if (insecure) return EXIT_CONFIG_TEST_SECURITY;
        return result.hasErrors() ? EXIT_CONFIG_TEST : OK;
    }
}
