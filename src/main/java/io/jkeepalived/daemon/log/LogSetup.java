package io.jkeepalived.daemon.log;

import io.jkeepalived.daemon.DaemonSettings;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * Configures logging from the command line, replacing {@link ConsoleConfigurator}'s default: syslog unless
 * {@code -G}, the console with {@code -l}, a file with {@code -g}, DEBUG detail with {@code -D}; none of
 * them turns logging off.
 * Every destination sits behind one {@link AsyncAppender} that never blocks the caller (a full
 * queue drops lines rather than stall the VRRP loop).
 */
public final class LogSetup {
    /** keepalived's console format: {@code Sun Nov 22 04:49:01 2026: text}. */
    static final String CONSOLE_PATTERN = "%d{EEE MMM ppd HH:mm:ss yyyy}: %msg%n";

    private LogSetup() {}

    public static void configure(DaemonSettings s) {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.reset();
        List<Appender<ILoggingEvent>> targets = new ArrayList<>();
        if (s.logConsole()) {
            ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
            console.setContext(ctx);
            console.setTarget("System.err");
            console.setEncoder(encoder(ctx));
            targets.add(console);
        }
        if (s.logFile().isPresent()) {
            FileAppender<ILoggingEvent> file = new FileAppender<>();
            file.setContext(ctx);
            file.setFile(s.logFile().get());
            file.setImmediateFlush(true);
            file.setEncoder(encoder(ctx));
            targets.add(file);
        }
        if (s.syslog()) {
            // JKEEPALIVED_SYSLOG_SOCKET: another syslog socket (tests, containers without /dev/log)
            String path = Optional.ofNullable(System.getenv("JKEEPALIVED_SYSLOG_SOCKET")).orElse("/dev/log");
            SyslogAppender syslog = new SyslogAppender(path, s.facility());
            syslog.setContext(ctx);
            targets.add(syslog);
        }
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (targets.isEmpty()) {
            // -G without -l or -g: every line would be built, queued and dropped; with 1,000
            // instances changing state at once that is work on the VRRP loop for nothing.
            root.setLevel(Level.OFF);
            return;
        }
        AsyncAppender async = new AsyncAppender();
        async.setContext(ctx);
        async.setName("ASYNC");
        async.setQueueSize(8192);
        async.setDiscardingThreshold(0);
        async.setNeverBlock(true);
        for (Appender<ILoggingEvent> a : targets) {
            a.start();
            async.addAppender(a);
        }
        async.start();
        root.setLevel(s.logDetail() ? Level.DEBUG : Level.INFO);
        root.addAppender(async);
    }

    private static PatternLayoutEncoder encoder(LoggerContext ctx) {
        PatternLayoutEncoder e = new PatternLayoutEncoder();
        e.setContext(ctx);
        e.setPattern(CONSOLE_PATTERN);
        e.start();
        return e;
    }

    /** Flushes queued lines (at exit). */
    public static void stop() {
        ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
    }
}
