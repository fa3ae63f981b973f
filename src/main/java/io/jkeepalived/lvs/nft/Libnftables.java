package io.jkeepalived.lvs.nft;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The FFM glue to libnftables: one context whose output (JSON) and errors are buffered, and one
 * call that runs a command buffer as one transaction. Nothing else of the library is used.
 *
 * <p>The context opens its netlink socket in {@code nft_ctx_new}, so the network namespace is the one
 * of the thread that {@linkplain #open opens} it. Not thread-safe: one caller at a time.
 */
final class Libnftables implements AutoCloseable {

    private static final int NFT_CTX_DEFAULT = 0;
    private static final int NFT_CTX_OUTPUT_JSON = 1 << 4;

    /** What one command buffer gave: the exit status (0 = committed), the JSON output, the error text. */
    record Run(int status, String output, String error) {
        boolean ok() {
            return status == 0;
        }
    }

    private record Handles(MethodHandle ctxNew, MethodHandle ctxFree, MethodHandle setOutputFlags,
                           MethodHandle bufferOutput, MethodHandle bufferError, MethodHandle getOutput,
                           MethodHandle getError, MethodHandle runCmd) {}

    private final Handles h;
    private MemorySegment ctx;

    private Libnftables(Handles h, MemorySegment ctx) {
        this.h = h;
        this.ctx = ctx;
    }

    /** A context in the calling thread's network namespace, or an exception naming what is missing. */
    @SuppressWarnings("restricted") // prototypes checked against libnftables.h of nftables 1.0
    static Libnftables open(String library) throws ReflectiveOperationException {
        SymbolLookup lib;
        try {
            lib = SymbolLookup.libraryLookup(library, Arena.global());
        } catch (IllegalArgumentException e) {
            throw new ClassNotFoundException("cannot load " + library + ": " + e.getMessage(), e);
        }
        Linker l = Linker.nativeLinker();
        var p = ValueLayout.ADDRESS;
        var i = ValueLayout.JAVA_INT;
        var h = new Handles(
                handle(l, lib, "nft_ctx_new", FunctionDescriptor.of(p, i)),
                handle(l, lib, "nft_ctx_free", FunctionDescriptor.ofVoid(p)),
                handle(l, lib, "nft_ctx_output_set_flags", FunctionDescriptor.ofVoid(p, i)),
                handle(l, lib, "nft_ctx_buffer_output", FunctionDescriptor.of(i, p)),
                handle(l, lib, "nft_ctx_buffer_error", FunctionDescriptor.of(i, p)),
                handle(l, lib, "nft_ctx_get_output_buffer", FunctionDescriptor.of(p, p)),
                handle(l, lib, "nft_ctx_get_error_buffer", FunctionDescriptor.of(p, p)),
                handle(l, lib, "nft_run_cmd_from_buffer", FunctionDescriptor.of(i, p, p)));
        try {
            var ctx = (MemorySegment) h.ctxNew.invokeExact(NFT_CTX_DEFAULT);
            if (ctx.equals(MemorySegment.NULL)) throw new InstantiationException("nft_ctx_new returned NULL");
            h.setOutputFlags.invokeExact(ctx, NFT_CTX_OUTPUT_JSON);
            int a = (int) h.bufferOutput.invokeExact(ctx);
            int b = (int) h.bufferError.invokeExact(ctx);
            if (a != 0 || b != 0) {
                h.ctxFree.invokeExact(ctx);
                throw new InstantiationException("nft_ctx_buffer_output/error failed");
            }
            return new Libnftables(h, ctx);
        } catch (ReflectiveOperationException e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError("libnftables call failed unexpectedly", t);
        }
    }

    @SuppressWarnings("restricted")
    private static MethodHandle handle(Linker l, SymbolLookup lib, String name, FunctionDescriptor d)
            throws NoSuchMethodException {
        var addr = lib.find(name).orElseThrow(() -> new NoSuchMethodException("libnftables has no " + name));
        return l.downcallHandle(addr, d);
    }

    /** Runs {@code commands} (nft syntax, many lines) as one transaction: all of it or nothing. */
    Run run(String commands) {
        if (ctx == null) return new Run(-1, "", "libnftables context closed");
        try (var arena = Arena.ofConfined()) {
            int status = (int) h.runCmd.invokeExact(ctx, arena.allocateFrom(commands));
            return new Run(status, text((MemorySegment) h.getOutput.invokeExact(ctx)),
                    text((MemorySegment) h.getError.invokeExact(ctx)));
        } catch (Throwable t) {
            throw new AssertionError("libnftables call failed unexpectedly", t);
        }
    }

    /** The library's buffer is reused by the next call: copied out at once. */
    @SuppressWarnings("restricted") // a NUL-terminated string the library owns until the next call
    private static String text(MemorySegment cString) {
        if (cString.equals(MemorySegment.NULL)) return "";
        return cString.reinterpret(Long.MAX_VALUE).getString(0);
    }

    @Override
    public void close() {
        if (ctx == null) return;
        try {
            h.ctxFree.invokeExact(ctx);
        } catch (Throwable t) {
            throw new AssertionError("nft_ctx_free failed unexpectedly", t);
        } finally {
            ctx = null;
        }
    }
}
