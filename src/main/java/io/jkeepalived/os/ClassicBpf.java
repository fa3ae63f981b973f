package io.jkeepalived.os;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * A classic BPF socket filter ({@code SO_ATTACH_FILTER}): the kernel runs it on every frame before
 * queuing it, so a socket that wants two kinds of frame out of all traffic costs nothing for the rest.
 *
 * <pre>
 * struct sock_filter { u16 code; u8 jt; u8 jf; u32 k; };            8 bytes each
 * struct sock_fprog  { unsigned short len; struct sock_filter *filter; };   16 bytes (LP64)
 * </pre>
 */
public final class ClassicBpf {
    static final int LD_B_ABS = 0x30;
    static final int LD_H_ABS = 0x28;
    static final int JEQ_K = 0x15;
    static final int RET_K = 0x06;
    /** SKF_AD_OFF + SKF_AD_PKTTYPE: loads the skb's packet type. */
    static final int PKTTYPE = 0xfffff000 + 4;
    static final int PACKET_OUTGOING = 4;

    private record Insn(int code, int jt, int jf, int k) {}

    private final List<Insn> insns;

    private ClassicBpf(List<Insn> insns) {
        this.insns = List.copyOf(insns);
    }

    /**
     * Incoming (not our own outgoing) ARP frames and ICMPv6 Neighbour Advertisements (IPv6 next
     * header 58, ICMPv6 type 136, no extension headers), up to 256 bytes of each.
     */
    public static ClassicBpf arpAndNeighbourAdverts() {
        List<Insn> p = new ArrayList<>();
        p.add(new Insn(LD_B_ABS, 0, 0, PKTTYPE));          // 0
        p.add(new Insn(JEQ_K, 8, 0, PACKET_OUTGOING));     // 1: outgoing → drop (10)
        p.add(new Insn(LD_H_ABS, 0, 0, 12));               // 2: EtherType
        p.add(new Insn(JEQ_K, 5, 0, 0x0806));              // 3: ARP → accept (9)
        p.add(new Insn(JEQ_K, 0, 5, 0x86DD));              // 4: not IPv6 → drop (10)
        p.add(new Insn(LD_B_ABS, 0, 0, 20));               // 5: next header
        p.add(new Insn(JEQ_K, 0, 3, 58));                  // 6: not ICMPv6 → drop (10)
        p.add(new Insn(LD_B_ABS, 0, 0, 54));               // 7: ICMPv6 type
        p.add(new Insn(JEQ_K, 0, 1, 136));                 // 8: NA → accept (9), else drop (10)
        p.add(new Insn(RET_K, 0, 0, 256));                 // 9: accept
        p.add(new Insn(RET_K, 0, 0, 0));                   // 10: drop
        return new ClassicBpf(p);
    }

    public int length() {
        return insns.size();
    }

    /** The {@code sock_fprog} with its instructions, allocated in {@code arena}. */
    MemorySegment program(Arena arena) {
        MemorySegment code = arena.allocate(8L * insns.size(), 8);
        for (int i = 0; i < insns.size(); i++) {
            Insn n = insns.get(i);
            code.set(ValueLayout.JAVA_SHORT, 8L * i, (short) n.code());
            code.set(ValueLayout.JAVA_BYTE, 8L * i + 2, (byte) n.jt());
            code.set(ValueLayout.JAVA_BYTE, 8L * i + 3, (byte) n.jf());
            code.set(ValueLayout.JAVA_INT, 8L * i + 4, n.k());
        }
        MemorySegment prog = arena.allocate(16, 8);
        prog.set(ValueLayout.JAVA_SHORT, 0, (short) insns.size());
        prog.set(ValueLayout.ADDRESS, 8, code);
        return prog;
    }
}
