package io.jkeepalived.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the frames of a classic pcap file as tcpdump {@code -w} writes it (Ethernet link type). A file
 * still being written may end in half a record: that record is left out, so a test can poll the file
 * while {@link Capture} runs.
 */
public final class Pcap {
    private static final int GLOBAL_HEADER = 24;
    private static final int RECORD_HEADER = 16;

    private Pcap() {
    }

    /** Every complete frame, in capture order; empty while tcpdump has not written the header yet. */
    public static List<byte[]> frames(Path file) {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (all.length < GLOBAL_HEADER) {
            return List.of();
        }
        var in = ByteBuffer.wrap(all);
        int magic = in.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        if (magic != 0xa1b2c3d4 && magic != 0xa1b23c4d) {
            in.order(ByteOrder.BIG_ENDIAN);
            magic = in.getInt(0);
            if (magic != 0xa1b2c3d4 && magic != 0xa1b23c4d) {
                throw new IllegalArgumentException(file + " is not a pcap file");
            }
        }
        var frames = new ArrayList<byte[]>();
        int at = GLOBAL_HEADER;
        while (at + RECORD_HEADER <= all.length) {
            int captured = in.getInt(at + 8);
            if (captured < 0 || at + RECORD_HEADER + captured > all.length) {
                break;
            }
            frames.add(Arrays.copyOfRange(all, at + RECORD_HEADER, at + RECORD_HEADER + captured));
            at += RECORD_HEADER + captured;
        }
        return frames;
    }
}
