package io.jkeepalived.daemon.loop;

import io.jkeepalived.daemon.kernel.KernelPort;
import io.jkeepalived.daemon.plan.ConfigAdapterTest;
import io.jkeepalived.daemon.plan.DaemonPlan;
import io.jkeepalived.daemon.plan.InstancePlan;
import io.jkeepalived.daemon.stats.InstanceCounters;

import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.netlink.AddressSpec;
import io.jkeepalived.netlink.RouteSpec;
import io.jkeepalived.netlink.RuleSpec;
import io.jkeepalived.os.Errno;
import io.jkeepalived.os.OsException;
import io.jkeepalived.vrrp.engine.Action;
import io.jkeepalived.vrrp.wire.AdvertView;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The executor against a recording kernel: the real kernel paths are covered by the system tests. */
class ActionExecutorTest {

    /** Records every call; interfaces eth0 (index 2) and eth1 (3) exist; errors can be injected. */
    static final class FakeKernel implements KernelPort {
        /** {@code packet}: for IPv4 the whole datagram (header + VRRP), for IPv6 the VRRP message. */
        record Sent(String ifname, boolean ipv6, byte[] packet, Optional<InetAddress> source,
                    InetAddress destination, int ttl) {
            /** The VRRP message, without the IPv4 header. */
            byte[] vrrp() {
                return ipv6 ? packet : java.util.Arrays.copyOfRange(packet, 20, packet.length);
            }

            int ipId() {
                return (packet[4] & 0xff) << 8 | (packet[5] & 0xff);
            }
        }

        final List<Sent> adverts = new ArrayList<>();
        final List<byte[]> frames = new ArrayList<>();
        final List<String> calls = new ArrayList<>();
        int nextAddErrno;
        /** eth0 was deleted and created again as index 7; the executor still holds index 2 until told. */
        boolean eth0Recreated;
        boolean eth0Refreshed;

        /** The advert (counted from 0 over this fake's life) that the kernel refuses with ENOBUFS; -1: none. */
        int refuseAdvert = -1;
        int advertCalls;

        @Override
        public void sendAdvert(String ifname, boolean ipv6, MemorySegment packet, Optional<InetAddress> source,
                               InetAddress destination, int ttl) throws OsException {
            if (advertCalls++ == refuseAdvert) throw new OsException("sendto", Errno.ENOBUFS);
            adverts.add(new Sent(ifname, ipv6, packet.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE), source,
                    destination, ttl));
        }

        @Override
        public void sendFrame(String ifname, MemorySegment frame) {
            frames.add(frame.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
        }

        @Override
        public OptionalInt ifindex(String ifname) {
            return switch (ifname) {
                case "eth0" -> OptionalInt.of(eth0Refreshed ? 7 : 2);
                case "eth1" -> OptionalInt.of(3);
                default -> OptionalInt.empty();
            };
        }

        @Override
        public void indexStale(String ifname) {
            calls.add("stale " + ifname);
            eth0Refreshed |= ifname.equals("eth0") && eth0Recreated;
        }

        @Override
        public Optional<byte[]> hardwareAddress(String ifname) {
            return Optional.of(new byte[] {2, 0, 0, 0, 0, 1});
        }

        @Override
        public void addAddress(AddressSpec a) throws OsException {
            calls.add("add " + a.address().getHostAddress() + "/" + a.prefixLength() + " on " + a.ifindex());
            if (eth0Recreated && a.ifindex() == 2) {
                throw new OsException("RTM_NEWADDR", Errno.ENODEV);
            }
            if (nextAddErrno != 0) {
                int e = nextAddErrno;
                nextAddErrno = 0;
                throw new OsException("RTM_NEWADDR", e);
            }
        }

        @Override
        public void deleteAddress(AddressSpec a) {
            calls.add("del " + a.address().getHostAddress() + " on " + a.ifindex());
        }

        @Override
        public void addRoute(RouteSpec r) {
            calls.add("add route " + r.describe());
        }

        @Override
        public void deleteRoute(RouteSpec r) {
            calls.add("del route " + r.describe());
        }

        @Override
        public void addRule(RuleSpec r) {
            calls.add("add rule " + r.describe());
        }

        @Override
        public void deleteRule(RuleSpec r) {
            calls.add("del rule " + r.describe());
        }
    }

    final FakeKernel kernel = new FakeKernel();
    final List<String> notified = new ArrayList<>();
    final NotifyPort notify = new NotifyPort() {
        @Override
        public void run(Action.RunNotify n) {
            notified.add(n.kind() + " " + String.join(" ", n.argv()));
        }

        @Override
        public void fifo(String line) {
            notified.add("fifo " + line);
        }
    };

    ActionExecutor executor(String conf, boolean releaseOnStop, Map<String, InstanceCounters> counters) {
        DaemonPlan plan = ConfigAdapterTest.plan(conf);
        Map<String, InstancePlan> plans = new HashMap<>();
        plan.instances().forEach(p -> {
            plans.put(p.name(), p);
            counters.put(p.name(), new InstanceCounters());
        });
        return new ActionExecutor(plans, counters, kernel, notify, releaseOnStop);
    }

    static final String UNICAST = """
            vrrp_instance VI_1 {
              interface eth0
              virtual_router_id 51
              priority 150
              unicast_src_ip 198.18.0.1
              unicast_ttl 7
              unicast_peer { 198.18.0.2
                198.18.0.3 }
              virtual_ipaddress { 198.18.0.100/24
                198.18.0.101/24 dev eth1 }
              virtual_routes { 198.18.5.0/24 via 198.18.0.254 dev eth0 }
            }
            """;

    @Test
    void advertGoesToEveryUnicastPeerWithSourceAndTtl() {
        Map<String, InstanceCounters> counters = new HashMap<>();
        executor(UNICAST, true, counters).execute(new Action.SendAdvert("VI_1", 150, 100));
        assertThat(kernel.adverts).hasSize(2);
        assertThat(kernel.adverts).extracting(FakeKernel.Sent::destination)
                .containsExactly(InetAddress.ofLiteral("198.18.0.2"), InetAddress.ofLiteral("198.18.0.3"));
        var first = kernel.adverts.getFirst();
        assertThat(first.ttl()).isEqualTo(7);
        assertThat(first.source()).contains(InetAddress.ofLiteral("198.18.0.1"));
        // the payload is a VRRP message (no IP header): version 2, type 1, VRID 51, priority 150, 2 addresses
        assertThat(first.vrrp()[0]).isEqualTo((byte) 0x21);
        assertThat(first.vrrp()[1] & 0xff).isEqualTo(51);
        assertThat(first.vrrp()[2] & 0xff).isEqualTo(150);
        assertThat(first.vrrp()[3]).isEqualTo((byte) 2);
        assertThat(first.vrrp()).hasSize(8 + 2 * 4 + 8);
        assertThat(counters.get("VI_1").advertsSent()).isEqualTo(2);

        executor(UNICAST, true, counters).execute(new Action.SendAdvert("VI_1", 0, 100));
        assertThat(kernel.adverts.getLast().vrrp()[2]).isZero();
    }

    @Test
    void ipv4IdCountsRoundsPerInstanceAndEveryPeerOfARoundGetsTheSameId() {
        var ex = executor(UNICAST, true, new HashMap<>());
        for (int round = 0; round < 3; round++) {
            ex.execute(new Action.SendAdvert("VI_1", 150, 100));
        }
        ex.execute(new Action.SendAdvert("VI_1", 0, 100));
        // as keepalived 2.2.7 sends them (captured): 1, 2, 3, ... per round, the priority-0 advert included
        assertThat(kernel.adverts).extracting(FakeKernel.Sent::ipId).containsExactly(1, 1, 2, 2, 3, 3, 4, 4);
        assertThat(kernel.adverts.getFirst().packet()[8] & 0xff).as("unicast_ttl in the header").isEqualTo(7);
        assertThat(kernel.adverts.getFirst().packet()[6]).as("DF clear, no fragment offset").isZero();
    }

    @Test
    void multicastIpv4AdvertValidatesAsSent() {
        var ex = executor("""
                vrrp_instance VI_1 {
                  interface eth0
                  virtual_router_id 51
                  version 3
                  virtual_ipaddress { 198.18.0.100 }
                }
                """, true, new HashMap<>());
        ex.execute(new Action.SendAdvert("VI_1", 100, 100));
        var sent = kernel.adverts.getFirst();
        assertThat(sent.destination()).isEqualTo(InetAddress.ofLiteral("224.0.0.18"));
        assertThat(sent.ttl()).isEqualTo(255);
        assertThat(sent.source()).contains(InetAddress.ofLiteral("198.18.0.1"));
        // the datagram goes out as encoded (IP_HDRINCL): keepalived's header, then the VRRPv3 checksum checked
        // by the wire codec
        byte[] header = java.util.Arrays.copyOf(sent.packet(), 20);
        assertThat(java.util.HexFormat.of().formatHex(header)).isEqualTo(
                "45c0" + "0020" + "0001" + "0000" + "ff70" + java.util.HexFormat.of().formatHex(header, 10, 12)
                        + "c6120001" + "e0000012");
        assertThat(io.jkeepalived.vrrp.wire.InetChecksum.verifies(
                io.jkeepalived.vrrp.wire.InetChecksum.add(0, MemorySegment.ofArray(header), 0, 20)))
                .as("header checksum").isTrue();
        MemorySegment packet = Arena.ofAuto().allocate(sent.packet().length);
        MemorySegment.copy(MemorySegment.ofArray(sent.packet()), 0, packet, 0, sent.packet().length);
        var view = new AdvertView();
        assertThat(view.wrapIpv4(packet, 0, (int) packet.byteSize())).isEmpty();
        var plan = ConfigAdapterTest.plan("""
                vrrp_instance VI_1 {
                  interface eth0
                  virtual_router_id 51
                  version 3
                  virtual_ipaddress { 198.18.0.100 }
                }
                """).instances().getFirst();
        assertThat(io.jkeepalived.vrrp.wire.AdvertValidator.validate(view, plan.profile()))
                .isInstanceOf(io.jkeepalived.vrrp.wire.Verdict.Accepted.class);
    }

    @Test
    void queuedAdvertsGoOutAtTheEndOfTheTurnOrBeforeAnyOtherActionAsTheyWouldAlone() {
        var alone = new FakeKernel();
        var reference = new ActionExecutor(Map.of("VI_1", ConfigAdapterTest.plan(UNICAST).instances().getFirst()),
                Map.of("VI_1", new InstanceCounters()), alone, notify, true);
        for (int i = 0; i < 2; i++) reference.execute(new Action.SendAdvert("VI_1", 150, 100));

        Map<String, InstanceCounters> counters = new HashMap<>();
        var ex = executor(UNICAST, true, counters);
        var plan = ConfigAdapterTest.plan(UNICAST).instances().getFirst();
        ex.queue(new Action.SendAdvert("VI_1", 150, 100));
        assertThat(kernel.adverts).as("queued for the end of the turn").isEmpty();
        ex.queue(new Action.AddAddresses("VI_1", plan.router().vips(), List.of()));
        assertThat(kernel.adverts).as("sent before the next action of another kind").hasSize(2);
        assertThat(kernel.calls).hasSize(2);
        ex.queue(new Action.SendAdvert("VI_1", 150, 100));
        assertThat(kernel.adverts).hasSize(2);
        ex.sendQueued();
        assertThat(kernel.adverts).hasSize(4);
        assertThat(counters.get("VI_1").advertsSent()).isEqualTo(4);
        for (int i = 0; i < 4; i++) {
            var q = kernel.adverts.get(i);
            var a = alone.adverts.get(i);
            assertThat(q.packet()).as("datagram %d", i).isEqualTo(a.packet());
            assertThat(List.of(q.ifname(), q.source(), q.destination(), q.ttl()))
                    .isEqualTo(List.of(a.ifname(), a.source(), a.destination(), a.ttl()));
        }
        ex.sendQueued();
        assertThat(kernel.adverts).as("each advert once").hasSize(4);
    }

    @Test
    void aRefusedQueuedAdvertIsCountedAndTheRestStillGo() {
        Map<String, InstanceCounters> counters = new HashMap<>();
        var ex = executor(UNICAST, true, counters);
        kernel.refuseAdvert = 1;
        ex.queue(new Action.SendAdvert("VI_1", 150, 100));
        ex.queue(new Action.SendAdvert("VI_1", 150, 100));
        ex.sendQueued();
        assertThat(kernel.adverts).hasSize(3);
        assertThat(counters.get("VI_1").advertsSent()).isEqualTo(3);
        assertThat(counters.get("VI_1").sendErrors()).isEqualTo(1);
    }

    @Test
    void addressesGoOnTheirInterfacesAndErrorsAreCountedNotThrown() {
        Map<String, InstanceCounters> counters = new HashMap<>();
        var ex = executor(UNICAST, true, counters);
        var plan = ConfigAdapterTest.plan(UNICAST).instances().getFirst();
        ex.execute(new Action.AddAddresses("VI_1", plan.router().vips(), List.of()));
        assertThat(kernel.calls).containsExactly("add 198.18.0.100/24 on 2", "add 198.18.0.101/24 on 3");

        kernel.nextAddErrno = Errno.EEXIST;   // already there: fine
        ex.execute(new Action.AddAddresses("VI_1", List.of(plan.router().vips().getFirst()), List.of()));
        assertThat(counters.get("VI_1").netlinkErrors()).isZero();
        kernel.nextAddErrno = Errno.EPERM;    // a real failure: counted
        ex.execute(new Action.AddAddresses("VI_1", List.of(plan.router().vips().getFirst()), List.of()));
        assertThat(counters.get("VI_1").netlinkErrors()).isEqualTo(1);

        ex.execute(new Action.AddRoutes("VI_1", plan.router().routes()));
        assertThat(kernel.calls.getLast()).startsWith("add route").contains("198.18.5.0/24");
    }

    @Test
    void aVipOnAReCreatedInterfaceGoesOnItsNewIndex() {
        var plan = ConfigAdapterTest.plan(UNICAST).instances().getFirst();
        Map<String, InstanceCounters> counters = new HashMap<>();
        var ex = executor(UNICAST, true, counters);
        kernel.eth0Recreated = true;
        ex.execute(new Action.AddAddresses("VI_1", List.of(plan.router().vips().getFirst()), List.of()));
        assertThat(kernel.calls).containsExactly("add 198.18.0.100/24 on 2", "stale eth0", "add 198.18.0.100/24 on 7");
        assertThat(counters.get("VI_1").netlinkErrors()).isZero();
    }

    @Test
    void dashCapitalVKeepsAddressesOnStopOnly() {
        var plan = ConfigAdapterTest.plan(UNICAST).instances().getFirst();
        var ex = executor(UNICAST, false, new HashMap<>());
        ex.execute(new Action.RemoveAddresses("VI_1", plan.router().vips(), List.of()));
        assertThat(kernel.calls).hasSize(2);   // a normal transition still removes them
        ex.stopping();
        ex.execute(new Action.RemoveAddresses("VI_1", plan.router().vips(), List.of()));
        ex.execute(new Action.RemoveRoutes("VI_1", plan.router().routes()));
        assertThat(kernel.calls).hasSize(2);
    }

    @Test
    void gratuitousArpsAndNotifies() {
        var plan = ConfigAdapterTest.plan(UNICAST).instances().getFirst();
        var ex = executor(UNICAST, true, new HashMap<>());
        ex.execute(new Action.SendGratuitous("VI_1", List.of(plan.router().vips().getFirst()), 3,
                Action.GarpKind.MASTER_BURST));
        assertThat(kernel.frames).hasSize(3);
        byte[] f = kernel.frames.getFirst();
        assertThat(f).hasSize(42);
        assertThat(f[12]).isEqualTo((byte) 0x08);
        assertThat(f[13]).isEqualTo((byte) 0x06);
        assertThat(java.util.Arrays.copyOfRange(f, 28, 32)).containsExactly(198, 18, 0, 100);

        ex.execute(new Action.RunNotify("VI_1", Action.NotifyKind.MASTER, List.of("/bin/echo", "m")));
        ex.execute(new Action.WriteFifo("G1", "GROUP \"G1\" MASTER 0"));
        assertThat(notified).containsExactly("MASTER /bin/echo m", "fifo GROUP \"G1\" MASTER 0");
    }

    /**
     * During a reload's actions a kept instance's plan resolves its old ids too, so a MASTER can
     * remove an address that only the old config had, and add one only the new config has.
     */
    @Test
    void duringAReloadTheOldAndTheNewIdsResolve() {
        String before = """
                vrrp_instance VI_1 {
                  interface eth0
                  virtual_router_id 51
                  virtual_ipaddress { 198.18.0.100/24 }
                }
                """;
        Map<String, InstanceCounters> counters = new HashMap<>();
        DaemonPlan first = ConfigAdapterTest.plan(before);
        Map<String, InstancePlan> plans = new HashMap<>();
        first.instances().forEach(p -> {
            plans.put(p.name(), p);
            counters.put(p.name(), new InstanceCounters());
        });
        var ex = new ActionExecutor(plans, counters, kernel, notify, true);
        InstancePlan next = ConfigAdapterTest.plan(before.replace("198.18.0.100/24 }", "198.18.0.104/24 }"))
                .instances().getFirst();
        plans.put("VI_1", next.resolvingAlso(first.instances().getFirst()));
        ex.execute(new Action.RemoveAddresses("VI_1", List.of("198.18.0.100/24"), List.of()));
        ex.execute(new Action.AddAddresses("VI_1", next.router().vips(), List.of()));
        assertThat(kernel.calls).containsExactly("del 198.18.0.100 on 2", "add 198.18.0.104/24 on 2");
    }
}
