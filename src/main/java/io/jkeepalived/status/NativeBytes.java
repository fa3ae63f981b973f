package io.jkeepalived.status;

import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;

/**
 * An output stream into native memory, freed by {@link #close()}: a status answer of megabytes
 * (10,000 real servers: 8 MB) that never occupies the Java heap, where a buffer alive across a
 * young collection is promoted and grows the old generation for good. Not thread-safe; closing
 * twice is harmless.
 */
public final class NativeBytes extends OutputStream {
    private Arena arena = Arena.ofShared();
    private MemorySegment segment;
    private long size;

    public NativeBytes(long capacity) {
        this.segment = arena.allocate(Math.max(1, capacity));
    }

    @Override
    public void write(int b) {
        ensure(1);
        segment.set(ValueLayout.JAVA_BYTE, size++, (byte) b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensure(len);
        MemorySegment.copy(b, off, segment, ValueLayout.JAVA_BYTE, size, len);
        size += len;
    }

    public long size() {
        return size;
    }

    /** What was written, as a buffer over the native memory (valid until {@link #close()}). */
    public ByteBuffer view() {
        return segment.asSlice(0, size).asByteBuffer();
    }

    /** These bytes after {@code head}, in new native memory; this one is closed. */
    public NativeBytes prefixed(byte[] head) {
        var joined = new NativeBytes(head.length + size);
        joined.write(head, 0, head.length);
        joined.ensure(size);
        MemorySegment.copy(segment, 0, joined.segment, joined.size, size);
        joined.size += size;
        close();
        return joined;
    }

    @Override
    public void close() {
        if (!arena.scope().isAlive()) return;
        arena.close();
    }

    private void ensure(long more) {
        if (size + more <= segment.byteSize()) return;
        Arena bigger = Arena.ofShared();
        MemorySegment grown = bigger.allocate(Math.max(segment.byteSize() * 2, size + more));
        MemorySegment.copy(segment, 0, grown, 0, size);
        arena.close();
        arena = bigger;
        segment = grown;
    }
}
