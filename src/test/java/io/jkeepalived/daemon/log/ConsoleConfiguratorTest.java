package io.jkeepalived.daemon.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConsoleConfiguratorTest {

    @AfterEach
    void oneShotAgain() {
        ConsoleConfigurator.leftToDaemon(false);
    }

    private static Logger rootAfterConfiguring(LoggerContext ctx) {
        ConsoleConfigurator c = new ConsoleConfigurator();
        c.setContext(ctx);
        assertThat(c.configure(ctx)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        return ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    @Test
    void oneShotCommandsLogWarningsToStderrThroughOneAsyncAppender() {
        LoggerContext ctx = new LoggerContext();
        try {
            Logger root = rootAfterConfiguring(ctx);
            assertThat(root.getLevel()).isEqualTo(Level.INFO);
            assertThat(root.getAppender("ASYNC")).isNotNull();
        } finally {
            ctx.stop();
        }
    }

    @Test
    void theDaemonsFirstConfigurationBuildsNothingItWouldReplace() {
        ConsoleConfigurator.leaveToDaemon();
        LoggerContext ctx = new LoggerContext();
        try {
            Logger root = rootAfterConfiguring(ctx);
            assertThat(root.getLevel()).isEqualTo(Level.OFF);
            assertThat(root.iteratorForAppenders().hasNext()).isFalse();
        } finally {
            ctx.stop();
        }
    }
}
