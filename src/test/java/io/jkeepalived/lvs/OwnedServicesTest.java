package io.jkeepalived.lvs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnedServicesTest {
    static final ServiceKey V4 = new ServiceKey.Addr(ServiceKey.Protocol.TCP, InetAddress.ofLiteral("198.18.0.1"), 80);
    static final ServiceKey V6 = new ServiceKey.Addr(ServiceKey.Protocol.UDP, InetAddress.ofLiteral("2001:db8::1"), 53);
    static final ServiceKey MARK = new ServiceKey.Fwmark(5, true);

    @Test
    void survivesARestartThroughItsFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("run/lvs-owned");
        OwnedServices o = OwnedServices.at(f);
        o.set(V4, true);
        o.set(V6, true);
        o.set(MARK, true);
        o.set(V6, false);
        assertThat(Files.readAllLines(f)).containsExactly("TCP 198.18.0.1 80", "FWM 5 inet6");
        assertThat(OwnedServices.at(f).keys()).containsExactlyInAnyOrder(V4, MARK);
    }

    @Test
    void garbageLinesAreSkippedNotFatal(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("lvs-owned");
        Files.writeString(f, "TCP 198.18.0.1 80\nnonsense\nFWM x inet\nXTP 198.18.0.2 1\nUDP 2001:db8::1 53\n");
        assertThat(OwnedServices.at(f).keys()).containsExactlyInAnyOrder(V4, V6);
        assertThat(OwnedServices.at(dir.resolve("absent")).keys()).isEmpty();
    }
}
