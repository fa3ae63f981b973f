package io.jkeepalived.daemon.kernel;

import io.jkeepalived.vrrp.engine.Event;

/** Where the dispatcher hands an accepted advert: the engine, on the loop thread. */
@FunctionalInterface
public interface AdvertSink {
    void accept(String instance, Event.AdvertReceived advert);

    /**
     * An advert for {@code instance}'s VRID that validation rejected; the split-brain watch wants the
     * reasons that mean a second master. Nothing by default.
     */
    default void rejected(String instance, io.jkeepalived.vrrp.wire.RejectReason reason,
                          io.jkeepalived.vrrp.engine.IpAddr source) {
    }
}
