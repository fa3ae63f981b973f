package io.jkeepalived.vrrp.wire;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Small helpers for the 6-byte Ethernet addresses the frame builders write. */
final class MacAddresses {
    private MacAddresses() {
    }

    static void require(byte[] mac) {
        if (mac.length != 6) {
            throw new IllegalArgumentException("a MAC address has 6 bytes, not " + mac.length);
        }
    }

    static void writeBroadcast(MemorySegment out, long offset) {
        for (int i = 0; i < 6; i++) {
            out.set(ValueLayout.JAVA_BYTE, offset + i, (byte) 0xff);
        }
    }
}
