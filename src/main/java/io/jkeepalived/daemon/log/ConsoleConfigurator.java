package io.jkeepalived.daemon.log;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logback's first configuration, found through {@code META-INF/services}: warnings and errors of the
 * short-lived commands ({@code -t}, {@code -v}) on stderr, asynchronously. Configuring in code instead
 * of a logback.xml spares every start Logback's XML parser and its Joran machinery (about 300 classes
 * and a tenth of a second); the daemon replaces this at once with {@link LogSetup}.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class ConsoleConfigurator extends ContextAwareBase implements Configurator {

    /** Set by the daemon before its first logger: it configures logging itself, at once. */
    private static volatile boolean leftToDaemon;

    /**
     * Called by the daemon before anything logs: Logback's first configuration then adds nothing,
     * since {@link LogSetup} replaces it right away. Compiling this class's pattern and starting an
     * asynchronous appender's thread, only to stop it again, made the first logger cost 61 ms of the
     * daemon's start instead of 30 (medians of 15 JVMs with the daemon's class-data archive).
     */
    public static void leaveToDaemon() {
        leftToDaemon(true);
    }

    static void leftToDaemon(boolean daemon) {
        leftToDaemon = daemon;
    }

    @Override
    public ExecutionStatus configure(LoggerContext ctx) {
        if (leftToDaemon) {
            ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.OFF);
            return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(ctx);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(ctx);
        console.setTarget("System.err");
        console.setEncoder(encoder);
        console.start();
        // asynchronous so that a slow console can never delay the caller; a full queue drops lines
        AsyncAppender async = new AsyncAppender();
        async.setContext(ctx);
        async.setName("ASYNC");
        async.setQueueSize(8192);
        async.setDiscardingThreshold(0);
        async.setNeverBlock(true);
        async.addAppender(console);
        async.start();
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(async);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
