package io.jkeepalived.notify;

import java.time.Duration;
import java.util.List;

/**
 * The {@code global_defs} mail settings.
 *
 * @param server         {@code smtp_server} host or address
 * @param port           default 25
 * @param connectTimeout {@code smtp_connect_timeout}, default 30 s; also bounds each reply
 * @param heloName       {@code smtp_helo_name}, default the host name
 * @param from           {@code notification_email_from}, default {@code keepalived@HOST}
 * @param to             {@code notification_email}
 */
public record SmtpSettings(String server, int port, Duration connectTimeout, String heloName, String from,
                           List<String> to) {

    public SmtpSettings {
        to = List.copyOf(to);
    }
}
