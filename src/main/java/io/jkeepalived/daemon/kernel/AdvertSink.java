package io.jkeepalived.daemon.kernel;

import io.jkeepalived.vrrp.engine.Event;

/** Where the dispatcher hands an accepted advert: the engine, on the loop thread. */
@FunctionalInterface
public interface AdvertSink {
    void accept(String instance, Event.AdvertReceived advert);
}
