package io.jkeepalived.track;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A test sink that lets a test await the next event instead of sleeping. */
final class EventQueue implements TrackerSink {

    private final LinkedBlockingQueue<TrackerEvent> events = new LinkedBlockingQueue<>();

    @Override
    public void onResult(TrackerEvent event) {
        events.add(event);
    }

    TrackerEvent next(Duration within) throws InterruptedException {
        TrackerEvent e = events.poll(within.toNanos(), TimeUnit.NANOSECONDS);
        if (e == null) {
            throw new AssertionError("no tracker event within " + within);
        }
        return e;
    }

    boolean isEmpty() {
        return events.isEmpty();
    }
}
