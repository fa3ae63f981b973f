package io.jkeepalived.lvs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link KernelBackend} that holds the table in memory: the fake kernel of the tests, which
 * also records every operation, and the daemon's model of the desired table ({@link #tableOnly()},
 * which must not: a daemon's operations never end, and a log of them is a leak). It refuses what a
 * kernel would refuse (adding twice, touching what is not there), so a wrong diff shows up as a
 * failure.
 */
public final class RecordingLoadBalancer implements KernelBackend {

    private final Map<ServiceKey, Service> services = new LinkedHashMap<>();
    private final Map<ServiceKey, Map<Destination.Key, Destination>> destinations = new LinkedHashMap<>();
    private final List<LbOp> log = new ArrayList<>();
    private final boolean recording;
    private int failures;

    /** A fake kernel that records every operation ({@link #operations()}). */
    public RecordingLoadBalancer() {
        this(true);
    }

    private RecordingLoadBalancer(boolean recording) {
        this.recording = recording;
    }

    /** The table alone, for the daemon: {@link #operations()} stays empty. */
    public static RecordingLoadBalancer tableOnly() {
        return new RecordingLoadBalancer(false);
    }

    @Override
    public synchronized LbResult apply(LbOp op) {
        if (recording) log.add(op);
        LbResult r = switch (op) {
            case LbOp.AddService a -> services.putIfAbsent(a.service(), a.spec()) == null
                    ? created(a.service()) : fail("EEXIST: service exists: " + a.service());
            case LbOp.EditService e -> services.replace(e.service(), e.spec()) != null
                    ? LbResult.DONE : fail("ESRCH: no such service: " + e.service());
            case LbOp.RemoveService r2 -> services.remove(r2.service()) != null && destinations.remove(r2.service()) != null
                    ? LbResult.DONE : fail("ESRCH: no such service: " + r2.service());
            case LbOp.AddDestination a -> dests(a.service()) == null ? fail("ESRCH: no such service: " + a.service())
                    : dests(a.service()).putIfAbsent(a.destination().key(), a.destination()) == null
                    ? LbResult.DONE : fail("EEXIST: destination exists: " + a.destination().key());
            case LbOp.EditDestination e -> dests(e.service()) == null ? fail("ESRCH: no such service: " + e.service())
                    : dests(e.service()).replace(e.destination().key(), e.destination()) != null
                    ? LbResult.DONE : fail("ENOENT: no such destination: " + e.destination().key());
            case LbOp.RemoveDestination d -> dests(d.service()) == null ? fail("ESRCH: no such service: " + d.service())
                    : dests(d.service()).remove(d.destination()) != null
                    ? LbResult.DONE : fail("ENOENT: no such destination: " + d.destination());
        };
        return r;
    }

    private LbResult created(ServiceKey key) {
        destinations.put(key, new LinkedHashMap<>());
        return LbResult.DONE;
    }

    private Map<Destination.Key, Destination> dests(ServiceKey key) {
        return destinations.get(key);
    }

    private LbResult fail(String reason) {
        failures++;
        return new LbResult.Failed(reason);
    }

    @Override
    public String name() {
        return "recording";
    }

    @Override
    public KernelDump dump() {
        return new KernelDump.Read(table());
    }

    @Override
    public void close() {}

    /** The table as it stands. */
    public synchronized Map<ServiceKey, ServiceEntry> table() {
        Map<ServiceKey, ServiceEntry> t = new LinkedHashMap<>();
        services.forEach((k, s) -> t.put(k, new ServiceEntry(s, destinations.get(k))));
        return t;
    }

    public synchronized List<LbOp> operations() {
        return List.copyOf(log);
    }

    /** Operations refused so far: 0 unless a diff was wrong. */
    public synchronized int failures() {
        return failures;
    }
}
