package io.jkeepalived.lvs.ipvs;

import io.jkeepalived.check.plan.CheckPlan;
import io.jkeepalived.config.ConfigLoader;
import io.jkeepalived.config.lex.ReaderOptions;
import io.jkeepalived.lvs.Destination;
import io.jkeepalived.lvs.KernelDump;
import io.jkeepalived.lvs.LbOp;
import io.jkeepalived.lvs.LbResult;
import io.jkeepalived.lvs.ServiceEntry;
import io.jkeepalived.lvs.ServiceKey;
import io.jkeepalived.lvs.TableDiff;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs inside the IPVS guest for {@code IpvsBenchTest}. Prints {@code bench KEY VALUE} lines.
 *
 * <pre>
 * IpvsBenchDriver write BIG CHANGED   writes a 10 x 1,000 real-server config and the same with
 *                                     the weights of 1,000 real servers changed (one service's)
 * IpvsBenchDriver run BIG CHANGED     programs BIG, then measures dumps and 1,000-change bursts
 * </pre>
 */
public final class IpvsBenchDriver {

    static final int SERVICES = 10;
    static final int REALS = 1000;
    static final int REPEAT = 3;

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "write" -> {
                Files.writeString(Path.of(args[1]), config(1));
                Files.writeString(Path.of(args[2]), config(7));
            }
            case "run" -> run(Path.of(args[1]), Path.of(args[2]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    /** Service k is TCP 198.18.20.k:80; its real servers 198.18.(32+4k+n/256).(n%256), n = 1..1000. */
    static String config(int firstServiceWeight) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < SERVICES; k++) {
            sb.append("virtual_server 198.18.20.").append(k + 1).append(" 80 {\n lvs_sched wrr\n lvs_method NAT\n protocol TCP\n");
            for (int i = 0; i < REALS; i++) {
                int host = i + 1;
                sb.append(" real_server 198.18.").append(32 + 4 * k + host / 256).append('.').append(host % 256)
                        .append(" 8080 {\n  weight ").append(k == 0 ? firstServiceWeight : 1).append("\n }\n");
            }
            sb.append("}\n");
        }
        return sb.toString();
    }

    static Map<ServiceKey, ServiceEntry> table(Path conf) {
        var r = ConfigLoader.load(conf, new ReaderOptions("guest", Map.of(), false));
        return IpvsGuestDriver.tableOf(CheckPlan.of(r.config().orElseThrow()));
    }

    static void run(Path big, Path changed) {
        IpvsBackend ipvs = ((IpvsBackend.Opening.Opened) IpvsBackend.open()).backend();
        Map<ServiceKey, ServiceEntry> t1 = table(big);
        long sent0 = ipvs.datagramsSent();
        List<LbResult> res = ipvs.applyAll(TableDiff.between(Map.of(), t1));
        System.out.println("bench programmed_at_ms " + System.currentTimeMillis());
        System.out.println("bench program_failures " + res.stream().filter(x -> !(x instanceof LbResult.Done)).count());
        System.out.println("bench program_sendmsg " + (ipvs.datagramsSent() - sent0));

        for (int r = 0; r < REPEAT; r++) {
            long t0 = System.nanoTime();
            KernelDump d = ipvs.dump();
            long ns = System.nanoTime() - t0;
            int dests = d instanceof KernelDump.Read read ? read.table().values().stream().mapToInt(e -> e.destinations().size()).sum() : -1;
            System.out.println("bench dump_ms " + ms(ns) + " dests " + dests);
        }

        // 1,000 weight changes on the kernel alone: the backend's part of a reload
        ServiceKey first = t1.keySet().iterator().next();
        for (int r = 0; r < REPEAT; r++) {
            List<LbOp> ops = new ArrayList<>();
            for (Destination d : t1.get(first).destinations().values()) {
                ops.add(new LbOp.EditDestination(first, d.withWeight(10 + r)));
            }
            long s0 = ipvs.datagramsSent();
            long t0 = System.nanoTime();
            List<LbResult> out = ipvs.applyAll(ops);
            long ns = System.nanoTime() - t0;
            System.out.println("bench burst_ms " + ms(ns) + " ops " + ops.size() + " failed "
                    + out.stream().filter(x -> !(x instanceof LbResult.Done)).count() + " sendmsg " + (ipvs.datagramsSent() - s0));
        }
        // restore, then the reload's whole job in a warm JVM: load the changed config, plan, diff, apply
        ipvs.applyAll(TableDiff.between(dumpTable(ipvs), t1));
        long t0 = System.nanoTime();
        Map<ServiceKey, ServiceEntry> t2 = table(changed);
        List<LbOp> ops = TableDiff.between(t1, t2);
        ipvs.applyAll(ops);
        System.out.println("bench reload_ms " + ms(System.nanoTime() - t0) + " ops " + ops.size());
        System.out.println("bench reload_applied_at_ms " + System.currentTimeMillis());

        // a reload of the unchanged config: load, plan, diff, apply nothing
        long u0 = System.nanoTime();
        long s0 = ipvs.datagramsSent();
        List<LbOp> same = TableDiff.between(t2, table(changed));
        ipvs.applyAll(same);
        System.out.println("bench unchanged_reload_ms " + ms(System.nanoTime() - u0));
        System.out.println("bench unchanged_ops " + same.size());
        System.out.println("bench unchanged_sendmsg " + (ipvs.datagramsSent() - s0));
        ipvs.close();
    }

    private static Map<ServiceKey, ServiceEntry> dumpTable(IpvsBackend ipvs) {
        return ((KernelDump.Read) ipvs.dump()).table();
    }

    private static String ms(long ns) {
        return String.format(Locale.ROOT, "%.1f", ns / 1e6);
    }
}
