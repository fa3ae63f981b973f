package io.jkeepalived.track;

/**
 * Where trackers deliver results. The daemon implements it by posting to its event loop: it is
 * called from tracker threads, so it must be thread-safe and must not block.
 */
@FunctionalInterface
public interface TrackerSink {
    void onResult(TrackerEvent event);
}
