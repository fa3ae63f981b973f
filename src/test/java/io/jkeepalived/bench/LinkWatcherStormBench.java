package io.jkeepalived.bench;

import io.jkeepalived.config.ConfigLoader;
import io.jkeepalived.config.lex.ReaderOptions;
import io.jkeepalived.daemon.loop.LinkWatcher;
import io.jkeepalived.daemon.plan.ConfigAdapter;
import io.jkeepalived.daemon.plan.PlanTable;
import io.jkeepalived.daemon.plan.InterfaceFacts;
import io.jkeepalived.netlink.InterfaceAddress;
import io.jkeepalived.netlink.Link;
import io.jkeepalived.netlink.NetlinkEvent;
import io.jkeepalived.netlink.OperState;
import io.jkeepalived.netlink.Rtnl;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The link watcher's cost for the address notifications of 1,000 instances changing state at once:
 * the footprint config (4 interfaces × 250 instances, one VIP each) sees its 1,000 VIPs added as
 * they become MASTER, then removed as they leave it. Each notification must reach only the
 * instances it concerns, without a pass over all of them.
 *
 * <pre>
 * mvn -B -q -o test-compile
 * java -cp target/test-classes:target/classes:$(cat cp.txt) org.openjdk.jmh.Main LinkWatcherStormBench -f 1
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LinkWatcherStormBench {
    private static final int IFACES = 4;
    private static final int PER_IFACE = 250;

    private LinkWatcher watcher;
    private final List<NetlinkEvent> added = new ArrayList<>();
    private final List<NetlinkEvent> removed = new ArrayList<>();
    private long fed;

    @Setup
    public void setup() {
        StringBuilder conf = new StringBuilder();
        for (int k = 0; k < IFACES; k++) {
            for (int v = 1; v <= PER_IFACE; v++) {
                conf.append("vrrp_instance VI_").append(k).append('_').append(v).append(" {\n interface eth").append(k)
                        .append("\n virtual_router_id ").append(v).append("\n priority 100\n virtual_ipaddress {\n  198.18.")
                        .append(10 + k).append('.').append(v).append("/32\n }\n}\n");
            }
        }
        var loaded = ConfigLoader.loadString(conf.toString(), "storm.conf", Path.of("."), ReaderOptions.defaults());
        PlanTable plans = new PlanTable();
        ConfigAdapter.plan(loaded.config().orElseThrow(), FACTS).instances().forEach(p -> plans.put(p.name(), p));
        watcher = new LinkWatcher(plans, (name, event) -> fed++);
        List<Link> links = new ArrayList<>();
        for (int k = 0; k < IFACES; k++) {
            links.add(new Link(2 + k, "eth" + k, Rtnl.IFF_UP | Rtnl.IFF_RUNNING, Optional.empty(), OperState.UP, 1500,
                    OptionalInt.empty(), Optional.empty(), OptionalInt.empty()));
            for (int v = 1; v <= PER_IFACE; v++) {
                var a = new InterfaceAddress(2 + k, InetAddress.ofLiteral("198.18." + (10 + k) + "." + v), 32, 0, 0,
                        Optional.empty(), Optional.empty());
                added.add(new NetlinkEvent.AddressAdded(a));
                removed.add(new NetlinkEvent.AddressRemoved(a));
            }
        }
        watcher.initial(links);
    }

    /** 1,000 VIPs added, then the same 1,000 removed: 2,000 notifications. */
    @Benchmark
    public long addAndRemoveThousandVips() {
        for (NetlinkEvent e : added) {
            watcher.onEvent(e);
        }
        for (NetlinkEvent e : removed) {
            watcher.onEvent(e);
        }
        return fed;
    }

    private static final InterfaceFacts FACTS = new InterfaceFacts() {
        @Override
        public Optional<Inet4Address> primaryIpv4(String ifname) {
            int k = ifname.charAt(ifname.length() - 1) - '0';
            return Optional.of((Inet4Address) InetAddress.ofLiteral("198.18." + (2 + k) + ".1"));
        }

        @Override
        public Optional<Inet6Address> linkLocalIpv6(String ifname) {
            return Optional.empty();
        }

        @Override
        public boolean exists(String ifname) {
            return true;
        }
    };
}
