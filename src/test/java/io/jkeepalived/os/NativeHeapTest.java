package io.jkeepalived.os;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** malloc_trim through FFM: linked on glibc, and callable as often as the daemon calls it. */
class NativeHeapTest {
    @Test
    void trimsOnGlibcWithoutError() {
        assertThat(NativeHeap.available()).as("glibc has malloc_trim").isTrue();
        // freed native memory, so that there may be something to give back
        for (int i = 0; i < 100; i++) {
            try (var arena = java.lang.foreign.Arena.ofConfined()) {
                arena.allocate(256 * 1024);
            }
        }
        NativeHeap.trim();
        NativeHeap.trim(); // again right after: nothing left to give back, still no error
    }
}
