package io.jkeepalived.config.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One health-checker block of a real server. */
public sealed interface Checker {

    /** The block keyword, e.g. {@code TCP_CHECK}. */
    String type();

    CheckerCommon common();

    record TcpCheck(CheckerCommon common) implements Checker {
        public String type() { return "TCP_CHECK"; }

        // written out for the daemon's C1 JIT (see CheckerCommon.equals)
        @Override
        public boolean equals(Object o) {
            return o == this || o instanceof TcpCheck t && Objects.equals(common, t.common);
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(common);
        }
    }

    /** HTTP_GET and SSL_GET share one shape; {@code ssl} tells them apart. */
    record HttpGet(CheckerCommon common, boolean ssl, List<Url> urls, Optional<String> httpProtocol,
                   Optional<String> virtualhost, boolean fastRecovery, boolean enableSni,
                   Optional<String> sniName, boolean tlsCompliant) implements Checker {
        public HttpGet {
            urls = List.copyOf(urls);
        }

        public String type() { return ssl ? "SSL_GET" : "HTTP_GET"; }

        // written out for the daemon's C1 JIT (see CheckerCommon.equals)
        @Override
        public boolean equals(Object o) {
            return o == this || o instanceof HttpGet h && ssl == h.ssl && fastRecovery == h.fastRecovery
                    && enableSni == h.enableSni && tlsCompliant == h.tlsCompliant && Objects.equals(common, h.common)
                    && Objects.equals(urls, h.urls) && Objects.equals(httpProtocol, h.httpProtocol)
                    && Objects.equals(virtualhost, h.virtualhost) && Objects.equals(sniName, h.sniName);
        }

        @Override
        public int hashCode() {
            return Objects.hash(common, ssl, urls, httpProtocol, virtualhost, fastRecovery, enableSni, sniName,
                    tlsCompliant);
        }
    }

    record MiscCheck(CheckerCommon common, Script miscPath, Optional<Duration> miscTimeout,
                     boolean miscDynamic) implements Checker {
        public String type() { return "MISC_CHECK"; }
    }

    record SmtpCheck(CheckerCommon common, String heloName, List<CheckerCommon> hosts) implements Checker {
        public SmtpCheck {
            hosts = List.copyOf(hosts);
        }

        public String type() { return "SMTP_CHECK"; }
    }

    record DnsCheck(CheckerCommon common, String queryType, String name) implements Checker {
        public String type() { return "DNS_CHECK"; }
    }

    /**
     * {@code payload} and {@code require_reply} are the hex text as written; {@code require_reply}
     * empty means absent (silence passes), {@code ""} means given without a pattern (any reply of
     * an acceptable length passes).
     */
    record UdpCheck(CheckerCommon common, Optional<String> payload, Optional<String> requireReply,
                    int minReplyLength, int maxReplyLength) implements Checker {
        public String type() { return "UDP_CHECK"; }
    }

    record PingCheck(CheckerCommon common) implements Checker {
        public String type() { return "PING_CHECK"; }
    }

    record FileCheck(CheckerCommon common, String trackFile, Optional<Integer> weight, boolean reverse)
            implements Checker {
        public String type() { return "FILE_CHECK"; }
    }

    record BfdCheck(CheckerCommon common, String name) implements Checker {
        public String type() { return "BFD_CHECK"; }
    }
}
