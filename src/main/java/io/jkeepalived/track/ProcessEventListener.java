package io.jkeepalived.track;

/** Process lifecycle events, as a {@link ProcessEventSource} delivers them. */
public interface ProcessEventListener {

    /** A process appeared, exec'd a new program or changed its name: (re)read it. */
    void onChange(long pid);

    /** A process exited. */
    void onExit(long pid);

    /** The initial full scan has been delivered; verdicts from now on honour the delays. */
    void onInitialScanDone();
}
