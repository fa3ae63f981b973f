package io.jkeepalived.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jkeepalived.testing.OpenDescriptors;
import java.lang.foreign.Arena;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** OS-layer pieces that need no privileges: errno text, eventfd + poll, fd ownership, MACs. */
class OsUnitTest {

    @Test
    void errnoHasNameAndText() {
        assertThat(Errno.name(98)).isEqualTo("EADDRINUSE");
        assertThat(Errno.text(98)).isEqualTo("Address already in use");
        assertThat(Errno.describe(19)).isEqualTo("ENODEV (No such device)");
        assertThat(Errno.name(4000)).isEqualTo("errno 4000");
        assertThat(new OsException("setsockopt(IP_ADD_MEMBERSHIP) on eth0", 98))
                .hasMessage("setsockopt(IP_ADD_MEMBERSHIP) on eth0: EADDRINUSE (Address already in use)");
        assertThat(new OsException("RTM_NEWADDR x", 22, "ipv4: Invalid scope value"))
                .hasMessage("RTM_NEWADDR x: EINVAL (Invalid argument) - ipv4: Invalid scope value");
    }

    @Test
    void wakeUpFdWakesPoll() throws Exception {
        Set<String> before = OpenDescriptors.now();
        try (var wake = WakeUpFd.open(); var poll = new PollSet()) {
            int slot = poll.add(wake.fd());
            assertThat(poll.poll(0)).isZero();
            assertThat(poll.isReady(slot)).isFalse();
            var signaller = Thread.ofPlatform().start(wake::signal);
            assertThat(poll.poll(10_000)).isEqualTo(1);
            assertThat(poll.isReady(slot)).isTrue();
            signaller.join();
            wake.signal();
            assertThat(wake.drain()).isEqualTo(2);
            assertThat(wake.drain()).isZero();
            assertThat(poll.poll(0)).isZero();
            for (int i = 0; i < 20; i++) {
                poll.add(wake.fd());
            }
            poll.disable(slot);
            assertThat(poll.size()).isEqualTo(21);
        }
        assertThat(OpenDescriptors.openedSince(before)).as("descriptors opened and not closed").isEmpty();
    }

    @Test
    void ownedFdClosesOnceAndRefusesUseAfterClose() throws Exception {
        var fd = OwnedFd.adopt(Libc.eventfd(0, Linux.EFD_CLOEXEC), "eventfd");
        assertThat(fd.isOpen()).isTrue();
        fd.close();
        fd.close();
        assertThat(fd.isOpen()).isFalse();
        assertThatThrownBy(fd::fd).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> OwnedFd.adopt(-Errno.EACCES, "open(/x)"))
                .hasMessage("open(/x): EACCES (Permission denied)");
    }

    @Test
    void interfaceLookupsOnUnknownNamesAreEmpty() {
        assertThat(Interfaces.indexOf("jk-no-such")).isEmpty();
        assertThat(Interfaces.indexOf("")).isEmpty();
        assertThat(Interfaces.indexOf("x".repeat(40))).isEmpty();
        assertThat(Interfaces.nameOf(999_999)).isEmpty();
        assertThat(Interfaces.indexOf("lo")).hasValue(1);
        assertThat(Interfaces.nameOf(1)).contains("lo");
        assertThatThrownBy(() -> Interfaces.hardwareAddress("jk-no-such")).isInstanceOf(OsException.class)
                .hasMessage("ioctl(SIOCGIFHWADDR) on jk-no-such: ENODEV (No such device)");
    }

    @Test
    void macAddresses() {
        assertThat(MacAddress.vrrp(false, 51)).hasToString("00:00:5e:00:01:33");
        assertThat(MacAddress.vrrp(true, 255)).hasToString("00:00:5e:00:02:ff");
        assertThat(MacAddress.parse("00-00-5E-00-01-0A")).contains(MacAddress.vrrp(false, 10));
        assertThat(MacAddress.parse("00:00:5e:00:01")).isEmpty();
        assertThat(MacAddress.parse("zz:00:5e:00:01:01")).isEmpty();
    }

    @Test
    void addressCacheReusesTheLastAddress() throws Exception {
        try (var arena = Arena.ofConfined()) {
            var seg = arena.allocate(32);
            var cache = new AddressCache();
            seg.copyFrom(java.lang.foreign.MemorySegment.ofArray(InetAddress.getByName("198.18.0.1").getAddress()));
            var first = cache.read(seg, 0, 4);
            assertThat(cache.read(seg, 0, 4)).isSameAs(first);
            seg.set(ValueLayout.JAVA_BYTE, 3, (byte) 2);
            assertThat(cache.read(seg, 0, 4)).isEqualTo(InetAddress.getByName("198.18.0.2"));
            assertThat(cache.read(seg, 0, 16).getAddress()).hasSize(16);
        }
    }
}
