package io.jkeepalived.daemon;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Control signals the launcher could not keep blocked ({@link SignalRoutes}) through the JDK's
 * {@code sun.misc.Signal} (module
 * jdk.unsupported). The handler only hands the number on; the loop does the work. Reached by
 * reflection because javac flags every direct use of sun.misc as proprietary API, which
 * {@code -Werror} turns into an error and no annotation can suppress.
 */
final class SignalBridge {
    private static final Logger LOG = LoggerFactory.getLogger("Keepalived");
    private SignalBridge() {}

    /** Handles the signals {@code names} (as "HUP"); none: nothing is loaded. */
    static void install(List<String> names, IntConsumer onSignal) {
        if (names.isEmpty()) {
            return;
        }
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            Method number = signal.getMethod("getNumber");
            InvocationHandler ih = (proxy, method, args) -> {
                if (method.getName().equals("handle") && args != null && args.length == 1) {
                    onSignal.accept((int) number.invoke(args[0]));
                    return null;
                }
                return switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "jkeepalived signal handler";
                    default -> null;
                };
            };
            Object handler = Proxy.newProxyInstance(handlerType.getClassLoader(), new Class<?>[] {handlerType}, ih);
            Method handle = signal.getMethod("handle", signal, handlerType);
            for (String name : names) {
                try {
                    handle.invoke(null, signal.getConstructor(String.class).newInstance(name), handler);
                } catch (ReflectiveOperationException e) {
                    LOG.warn("cannot handle SIG{}: {}", name, e.getCause() == null ? e : e.getCause());
                }
            }
        } catch (ReflectiveOperationException e) {
            LOG.error("signal handling unavailable (sun.misc.Signal): {}", e.toString());
        }
    }
}
