package io.jkeepalived.daemon.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.jkeepalived.os.OsException;
import io.jkeepalived.os.UnixDatagram;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Logs to the local syslog socket ({@code /dev/log}) as keepalived does: RFC 3164 lines
 * {@code <PRI>Mmm dd hh:mm:ss Keepalived_vrrp[PID]: text}, the ident being the logger name. Runs
 * behind the asynchronous appender, and its socket never blocks, so syslog cannot stall the loop.
 */
public final class SyslogAppender extends AppenderBase<ILoggingEvent> {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT);

    private final String path;
    private final int facility;
    private final long pid = ProcessHandle.current().pid();
    private UnixDatagram socket;
    private long dropped;

    /** @param facility the syslog facility number (daemon = 3, local0..7 = 16..23) */
    SyslogAppender(String path, int facility) {
        this.path = path;
        this.facility = facility;
    }

    @Override
    public void start() {
        try {
            socket = UnixDatagram.open(path);
        } catch (OsException e) {
            addError("cannot open syslog socket " + path + ": " + e.getMessage());
        }
        super.start();
    }

    @Override
    protected void append(ILoggingEvent e) {
        if (socket == null) {
            return;
        }
        int pri = facility * 8 + severity(e.getLevel());
        String stamp = STAMP.format(LocalDateTime.ofInstant(e.getInstant(), ZoneId.systemDefault()));
        String line = "<" + pri + ">" + stamp + " " + e.getLoggerName() + "[" + pid + "]: " + e.getFormattedMessage();
        if (!socket.send(line.getBytes(StandardCharsets.UTF_8))) {
            dropped++;
        }
    }

    long dropped() {
        return dropped;
    }

    private static int severity(Level level) {
        return switch (level.toInt()) {
            case Level.ERROR_INT -> 3;
            case Level.WARN_INT -> 4;
            case Level.INFO_INT -> 6;
            default -> 7;
        };
    }

    @Override
    public void stop() {
        super.stop();
        if (socket != null) {
            socket.close();
            socket = null;
        }
    }

    /** keepalived's -S values: 0..7 mean local0..local7; names as syslog knows them. */
    public static int facility(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "user" -> 1;
            case "daemon" -> 3;
            case "auth" -> 4;
            case "syslog" -> 5;
            case "local0", "0" -> 16;
            case "local1", "1" -> 17;
            case "local2", "2" -> 18;
            case "local3", "3" -> 19;
            case "local4", "4" -> 20;
            case "local5", "5" -> 21;
            case "local6", "6" -> 22;
            case "local7", "7" -> 23;
            default -> -1;
        };
    }
}
