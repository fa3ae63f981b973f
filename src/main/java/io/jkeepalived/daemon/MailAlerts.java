package io.jkeepalived.daemon;

import io.jkeepalived.config.model.GlobalDefs;
import io.jkeepalived.config.model.Keepalived;
import io.jkeepalived.config.model.VrrpInstance;
import io.jkeepalived.notify.AlertMail;
import io.jkeepalived.notify.NotifyState;
import io.jkeepalived.notify.SmtpClient;
import io.jkeepalived.notify.SmtpSettings;
import io.jkeepalived.vrrp.engine.VrrpState;
import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code smtp_alert} mails on instance state changes: sent (asynchronously, by the notify
 * module's client) for instances whose flag resolves on — the instance's {@code smtp_alert}, else
 * global_defs' {@code smtp_alert_vrrp}, else {@code smtp_alert} — when {@code smtp_server} and
 * {@code notification_email} are set.
 */
final class MailAlerts {
    private final Optional<SmtpClient> client;
    private final String routerId;
    private final Set<String> enabled;

    private MailAlerts(Optional<SmtpClient> client, String routerId, Set<String> enabled) {
        this.client = client;
        this.routerId = routerId;
        this.enabled = enabled;
    }

    static MailAlerts from(Keepalived config) {
        GlobalDefs g = config.globalDefs();
        String host = hostName();
        String routerId = g.routerId().orElse(host);
        if (g.smtpServer().isEmpty() || g.notificationEmail().isEmpty()) {
            return new MailAlerts(Optional.empty(), routerId, Set.of());
        }
        SmtpSettings s = new SmtpSettings(g.smtpServer().get(), g.smtpPort(), g.smtpConnectTimeout(),
                g.smtpHeloName().orElse(host), g.notificationEmailFrom().orElse("keepalived@" + host),
                g.notificationEmail());
        Map<String, Boolean> flags = config.vrrpInstances().stream().collect(Collectors.toMap(VrrpInstance::name,
                i -> i.smtpAlert().or(g::smtpAlertVrrp).or(g::smtpAlert).orElse(false), (a, b) -> a));
        Set<String> on = flags.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet());
        return new MailAlerts(Optional.of(new SmtpClient(s)), routerId, on);
    }

    /** Never blocks: the client sends on its own virtual thread. */
    void stateChanged(String instance, VrrpState state) {
        if (client.isEmpty() || !enabled.contains(instance)) {
            return;
        }
        NotifyState n = switch (state) {
            case MASTER -> NotifyState.MASTER;
            case BACKUP -> NotifyState.BACKUP;
            case FAULT -> NotifyState.FAULT;
            case STOP -> NotifyState.STOP;
            case INIT, DELETED -> null;
        };
        if (n != null && AlertMail.mailed(n)) {
            client.get().send(AlertMail.instance(routerId, instance, n));
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }
}
