package io.jkeepalived.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The attribute index: lookups, repeated types, nesting bounds and broken lists. */
class AttributesTest {

    /** Attributes as (type, payload) pairs, each padded to 4 bytes, after {@code offset} zero bytes. */
    private static ByteBuffer list(int offset, Object... typeAndPayload) {
        ByteBuffer b = ByteBuffer.allocate(512).order(ByteOrder.nativeOrder());
        b.position(offset);
        for (int i = 0; i < typeAndPayload.length; i += 2) {
            byte[] p = (byte[]) typeAndPayload[i + 1];
            b.putShort((short) (4 + p.length)).putShort((short) (int) (Integer) typeAndPayload[i]).put(p);
            while (b.position() % 4 != 0) b.put((byte) 0);
        }
        return b.flip();
    }

    private static byte[] u32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(v).array();
    }

    @Test
    void typedGettersReadTheirAttributeAndMissOnAbsenceOrShortness() {
        var a = Attributes.parse(list(4, 1, new byte[] {7}, 2, u32(0x01020304), 3, "eth0\0junk".getBytes(),
                4, new byte[] {9, 8}), 4);
        assertThat(a.u8(1)).hasValue(7);
        assertThat(a.u32(2)).hasValue(0x01020304);
        assertThat(a.u16(2)).isPresent();
        assertThat(a.string(3)).hasValue("eth0");
        assertThat(a.u32(4)).isEmpty(); // two bytes are too short for 32 bits
        assertThat(a.array(4)).hasValueSatisfying(v -> assertThat(v).containsExactly(9, 8));
        assertThat(a.has(5)).isFalse();
        assertThat(a.u8(5)).isEmpty();
        assertThat(a.size()).isEqualTo(4);
        assertThat(a.malformed()).isFalse();
    }

    @Test
    void theLastOfARepeatedTypeWinsAndCountsOnce() {
        var a = Attributes.parse(list(0, 1, u32(1), 2, u32(2), 1, u32(3)), 0);
        assertThat(a.u32(1)).hasValue(3);
        assertThat(a.size()).isEqualTo(2);
    }

    @Test
    void aNestedListEndsWithItsAttributeNotWithTheMessage() {
        byte[] inner = list(0, 5, u32(55)).array();
        byte[] innerExact = java.util.Arrays.copyOf(inner, 8);
        var a = Attributes.parse(list(0, 9 | 0x8000, innerExact, 5, u32(99)), 0); // NLA_F_NESTED is masked off
        var nested = a.nested(9).orElseThrow();
        assertThat(nested.u32(5)).hasValue(55);
        assertThat(nested.size()).isEqualTo(1);
        assertThat(a.u32(5)).hasValue(99);
    }

    @Test
    void aBrokenHeaderKeepsWhatCameBefore() {
        ByteBuffer b = list(0, 1, u32(1));
        ByteBuffer longer = ByteBuffer.allocate(b.remaining() + 4).order(ByteOrder.nativeOrder()).put(b)
                .putShort((short) 40).putShort((short) 2); // claims 40 bytes, has 4
        var a = Attributes.parse(longer.flip(), 0);
        assertThat(a.malformed()).isTrue();
        assertThat(a.u32(1)).hasValue(1);
        assertThat(a.has(2)).isFalse();
        assertThat(Attributes.parse(list(0), 8).malformed()).isTrue(); // offset past the end
    }

    @Test
    void bytesAreAReadOnlyViewOfThePayload() {
        var a = Attributes.parse(list(0, 1, u32(0x0a0b0c0d)), 0);
        ByteBuffer v = a.bytes(1).orElseThrow();
        assertThat(v.remaining()).isEqualTo(4);
        assertThat(v.isReadOnly()).isTrue();
        assertThat(v.getInt(0)).isEqualTo(0x0a0b0c0d);
    }
}
