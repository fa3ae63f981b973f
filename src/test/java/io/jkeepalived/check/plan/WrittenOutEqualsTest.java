package io.jkeepalived.check.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.config.model.Checker;
import io.jkeepalived.config.model.CheckerCommon;
import io.jkeepalived.config.model.Url;
import io.jkeepalived.lvs.Destination;
import io.jkeepalived.lvs.ForwardMethod;
import io.jkeepalived.lvs.Tunnel;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Records whose equals (and hashCode) are written out for the daemon's C1 JIT must keep the
 * record's meaning: equal when every component is, unequal when any one differs. Changing one
 * component at a time catches a component added to the record but not to its equals.
 */
class WrittenOutEqualsTest {
    static final InetAddress A = InetAddress.ofLiteral("198.18.0.1");
    static final CheckerCommon COMMON = new CheckerCommon(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), false, false);
    static final Url URL = new Url("/", Optional.empty(), List.of(new Url.StatusRange(200, 299)), Optional.empty(),
            Optional.empty());
    static final Timing TIMING = new Timing(1, 2, 3, 4, 5, 6, false, false);

    static final List<Record> SAMPLES = List.of(
            new Destination(A, 80, 1, ForwardMethod.NAT, 0, 0),
            new Destination.Key(A, 80),
            new RealServerSpec.Id(A, Optional.of(80)),
            TIMING,
            COMMON,
            URL,
            new Url.StatusRange(200, 299),
            new Checker.TcpCheck(COMMON),
            new Checker.HttpGet(COMMON, false, List.of(URL), Optional.empty(), Optional.empty(), false, false,
                    Optional.empty(), false),
            new DedupKey("TCP_CHECK", A, 80, Optional.empty(), TIMING, new Checker.TcpCheck(COMMON)));

    @Test
    void equalWhenEveryComponentIsAndUnequalWhenAnyOneDiffers() throws Exception {
        for (Record r : SAMPLES) {
            Record same = rebuild(r, -1);
            assertThat(same).as("%s rebuilt", r.getClass().getSimpleName()).isEqualTo(r).hasSameHashCodeAs(r);
            RecordComponent[] cs = r.getClass().getRecordComponents();
            for (int i = 0; i < cs.length; i++) {
                Record other = rebuild(r, i);
                assertThat(other).as("%s with another %s", r.getClass().getSimpleName(), cs[i].getName()).isNotEqualTo(r);
                assertThat(r).as("%s against another %s", r.getClass().getSimpleName(), cs[i].getName()).isNotEqualTo(other);
            }
        }
    }

    /** {@code r} built again from its components, component {@code changed} (if any) replaced by another value. */
    static Record rebuild(Record r, int changed) throws Exception {
        RecordComponent[] cs = r.getClass().getRecordComponents();
        Object[] values = new Object[cs.length];
        for (int i = 0; i < cs.length; i++) {
            Object v = cs[i].getAccessor().invoke(r);
            values[i] = i == changed ? another(cs[i].getType(), v) : v;
        }
        Constructor<?> c = r.getClass().getDeclaredConstructor(Arrays.stream(cs).map(RecordComponent::getType)
                .toArray(Class<?>[]::new));
        return (Record) c.newInstance(values);
    }

    static Object another(Class<?> type, Object v) throws Exception {
        if (type == boolean.class) return !(Boolean) v;
        if (type == int.class) return (Integer) v + 1;
        if (type == long.class) return (Long) v + 1;
        if (type == String.class) return v + "x";
        if (type == Optional.class) return ((Optional<?>) v).isPresent() ? Optional.empty() : Optional.of("x");
        if (type == List.class) return ((List<?>) v).isEmpty() ? List.of("x") : List.of();
        if (type == InetAddress.class) return InetAddress.ofLiteral("198.18.0.2");
        if (type == ForwardMethod.class) return v == ForwardMethod.NAT ? ForwardMethod.DR : ForwardMethod.NAT;
        if (type == Tunnel.class) return new Tunnel(Tunnel.Type.GUE, 6080, Tunnel.Checksum.CSUM);
        if (type == Checker.class) return new Checker.PingCheck(COMMON);
        if (v instanceof Record rec) return rebuild(rec, 0);
        throw new AssertionError("no other value for " + type);
    }
}
