package io.jkeepalived.check.plan;

import io.jkeepalived.config.model.VirtualServerGroup;
import io.jkeepalived.lvs.ServiceKey;
import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Expands {@code virtual_server_group} entries into services: {@code a.b.c.d-e} (last octet, or
 * last hex group for IPv6), {@code a.b.c.d-e.f.g.h} (full end address), {@code a.b.c.d/nn} (the
 * whole prefix), and {@code fwmark N [inet|inet6]}.
 */
final class GroupRanges {
    private GroupRanges() {}

    /** More than this is surely a typo (a /8): reported, not expanded into millions of services. */
    static final int MAX_ADDRESSES = 65536;

    static List<ServiceKey> expand(VirtualServerGroup g, ServiceKey.Protocol protocol, List<String> problems) {
        List<ServiceKey> out = new ArrayList<>();
        for (VirtualServerGroup.Entry e : g.entries()) {
            if (e.fwmark().isPresent()) {
                out.add(new ServiceKey.Fwmark(e.fwmark().get(), e.family().filter("inet6"::equals).isPresent()));
                continue;
            }
            String range = e.range().orElse("");
            int port = e.port().orElse(0);
            Optional<List<InetAddress>> addrs = addresses(range);
            if (addrs.isEmpty()) {
                problems.add("virtual_server_group " + g.name() + ": cannot expand '" + range + "'");
                continue;
            }
            addrs.get().forEach(a -> out.add(new ServiceKey.Addr(protocol, a, port)));
        }
        return out;
    }

    static Optional<List<InetAddress>> addresses(String range) {
        String[] slash = range.split("/", 2);
        String[] dash = slash[0].split("-", 2);
        Optional<InetAddress> start = Targets.literal(dash[0]);
        if (start.isEmpty()) return Optional.empty();
        InetAddress s = start.get();
        int bits = s.getAddress().length * 8;
        BigInteger first = new BigInteger(1, s.getAddress());
        BigInteger last = first;
        if (slash.length == 2) {
            int len;
            try {
                len = Integer.parseInt(slash[1]);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            if (len < 0 || len > bits) return Optional.empty();
            BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - len).subtract(BigInteger.ONE);
            first = first.andNot(hostMask);
            last = first.or(hostMask);
        } else if (dash.length == 2) {
            Optional<BigInteger> end = end(s, dash[1]);
            if (end.isEmpty()) return Optional.empty();
            last = end.get();
        }
        if (last.compareTo(first) < 0 || last.subtract(first).compareTo(BigInteger.valueOf(MAX_ADDRESSES)) >= 0) {
            return Optional.empty();
        }
        List<InetAddress> out = new ArrayList<>();
        for (BigInteger v = first; v.compareTo(last) <= 0; v = v.add(BigInteger.ONE)) {
            out.add(toAddress(v, s.getAddress().length));
        }
        return Optional.of(out);
    }

    /** {@code -e} replaces the last octet (IPv4, decimal) or last group (IPv6, hex); a full address is itself. */
    private static Optional<BigInteger> end(InetAddress start, String text) {
        // only a dotted or colon form is a full address (InetAddress also reads "3" as 0.0.0.3)
        Optional<InetAddress> full = text.contains(".") || text.contains(":") ? Targets.literal(text) : Optional.empty();
        if (full.isPresent() && full.get().getClass() == start.getClass()) {
            return Optional.of(new BigInteger(1, full.get().getAddress()));
        }
        boolean v6 = start instanceof Inet6Address;
        try {
            int last = Integer.parseInt(text, v6 ? 16 : 10);
            int unit = v6 ? 0xffff : 0xff;
            if (last < 0 || last > unit) return Optional.empty();
            BigInteger base = new BigInteger(1, start.getAddress()).andNot(BigInteger.valueOf(unit));
            return Optional.of(base.or(BigInteger.valueOf(last)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static InetAddress toAddress(BigInteger v, int len) {
        byte[] raw = v.toByteArray();
        byte[] b = new byte[len];
        int copy = Math.min(len, raw.length);
        System.arraycopy(raw, raw.length - copy, b, len - copy, copy);
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4- or 16-byte address is always valid", e);
        }
    }
}
