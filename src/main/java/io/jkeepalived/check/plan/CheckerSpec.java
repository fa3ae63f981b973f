package io.jkeepalived.check.plan;

import io.jkeepalived.config.model.Checker;
import java.net.InetAddress;
import java.util.Optional;

/**
 * One checker with everything resolved: where to connect, the default virtualhost (for HTTP, a
 * url's own virtualhost still wins), and the effective timing. The probe side builds its
 * {@code Probe} from this; the policy uses {@link #timing()}.
 *
 * @param key checkers with equal keys are the same work and run once (see {@link DedupKey})
 */
public record CheckerSpec(DedupKey key, Checker checker, InetAddress ip, int port, Optional<String> virtualhost,
                          Timing timing) {

    /** HTTP_GET/SSL_GET check their url blocks in turn; every other type has one "url". */
    public int urlCount() {
        return checker instanceof Checker.HttpGet h ? Math.max(1, h.urls().size()) : 1;
    }

    public boolean fastRecovery() {
        return checker instanceof Checker.HttpGet h && h.fastRecovery();
    }

    /** MISC_CHECK with misc_dynamic (and FILE_CHECK) report a weight with each success. */
    public boolean dynamicWeight() {
        return checker instanceof Checker.MiscCheck m && m.miscDynamic() || checker instanceof Checker.FileCheck;
    }

    /** {@code TCP_CHECK [198.18.0.2]:80}, for logs. */
    public String describe() {
        return checker.type() + " " + Targets.bracket(ip) + ":" + port;
    }
}
