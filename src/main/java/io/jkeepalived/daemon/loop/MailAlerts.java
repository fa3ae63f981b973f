package io.jkeepalived.daemon.loop;

import io.jkeepalived.config.model.GlobalDefs;
import io.jkeepalived.config.model.Keepalived;
import io.jkeepalived.config.model.SyncGroup;
import io.jkeepalived.config.model.VrrpInstance;
import io.jkeepalived.notify.AlertMail;
import io.jkeepalived.notify.NotifyState;
import io.jkeepalived.notify.SmtpClient;
import io.jkeepalived.notify.SmtpSettings;
import io.jkeepalived.vrrp.engine.VrrpState;
import java.net.InetAddress;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code smtp_alert} mails on instance and sync-group state changes: sent (asynchronously, by the
 * notify module's client) for instances and groups whose flag resolves on — their own
 * {@code smtp_alert}, else global_defs' {@code smtp_alert_vrrp}, else {@code smtp_alert} — when
 * {@code smtp_server} and {@code notification_email} are set.
 */
public final class MailAlerts {
    private final Optional<SmtpClient> client;
    private final String routerId;
    private final Set<String> instances;
    private final Set<String> groups;

    private MailAlerts(Optional<SmtpClient> client, String routerId, Set<String> instances, Set<String> groups) {
        this.client = client;
        this.routerId = routerId;
        this.instances = instances;
        this.groups = groups;
    }

    public static MailAlerts from(Keepalived config) {
        GlobalDefs g = config.globalDefs();
        String host = hostName();
        String routerId = g.routerId().orElse(host);
        if (g.smtpServer().isEmpty() || g.notificationEmail().isEmpty()) {
            return new MailAlerts(Optional.empty(), routerId, Set.of(), Set.of());
        }
        SmtpSettings s = new SmtpSettings(g.smtpServer().get(), g.smtpPort(), g.smtpConnectTimeout(),
                g.smtpHeloName().orElse(host), g.notificationEmailFrom().orElse("keepalived@" + host),
                g.notificationEmail());
        Set<String> instances = config.vrrpInstances().stream()
                .filter(i -> alerting(i.smtpAlert(), g)).map(VrrpInstance::name).collect(Collectors.toUnmodifiableSet());
        Set<String> groups = config.syncGroups().stream()
                .filter(sg -> alerting(sg.smtpAlert(), g)).map(SyncGroup::name).collect(Collectors.toUnmodifiableSet());
        return new MailAlerts(Optional.of(new SmtpClient(s)), routerId, instances, groups);
    }

    private static boolean alerting(Optional<Boolean> own, GlobalDefs g) {
        return own.or(g::smtpAlertVrrp).or(g::smtpAlert).orElse(false);
    }

    /** Never blocks: the client sends on its own virtual thread. */
    void stateChanged(String instance, VrrpState state) {
        if (client.isPresent() && instances.contains(instance)) {
            mailed(state).ifPresent(n -> client.get().send(AlertMail.instance(routerId, instance, n)));
        }
    }

    void splitBrain(String instance, boolean detected, String text) {
        if (client.isPresent() && instances.contains(instance)) {
            client.get().send(AlertMail.splitBrain(routerId, instance, detected, text));
        }
    }

    void groupStateChanged(String group, VrrpState state) {
        if (client.isPresent() && groups.contains(group)) {
            mailed(state).ifPresent(n -> client.get().send(AlertMail.group(routerId, group, n)));
        }
    }

    private static Optional<NotifyState> mailed(VrrpState state) {
        Optional<NotifyState> n = switch (state) {
            case MASTER -> Optional.of(NotifyState.MASTER);
            case BACKUP -> Optional.of(NotifyState.BACKUP);
            case FAULT -> Optional.of(NotifyState.FAULT);
            case STOP -> Optional.of(NotifyState.STOP);
            case INIT, DELETED -> Optional.empty();
        };
        return n.filter(AlertMail::mailed);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }
}
