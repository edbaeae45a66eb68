package org.rdump.api;

/**
 * Receives the events of a run. Called from the thread that raised the event (the hashing
 * engine raises progress from worker threads), so implementations must be thread-safe and
 * quick. A listener must not throw.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface RunListener {

    /** A listener that ignores everything. */
    RunListener NONE = event -> { };

    /**
     * Receives one event; must be quick, thread-safe and must not throw.
     *
     * @param event the event; never null
     */
    void onEvent(RunEvent event);

    /**
     * {@code inner}, with every progress, warning and report event naming {@code volume}: for a
     * step that hands its work to code that names what it works on otherwise (a path, a dataset),
     * so that in every event {@code volume} is the volume's name.
     *
     * @param volume the volume's name to put in the events; never null
     * @param inner the listener that receives the renamed events; never null
     * @return the renaming listener; never null
     * @since 0.1
     */
    static RunListener naming(String volume, RunListener inner) {
        return e -> {
            if (e instanceof RunEvent.Progress p && !p.volume().equals(volume)) {
                inner.onEvent(new RunEvent.Progress(volume, p.activity(), p.done(), p.total(), p.bytesDone(),
                        p.bytesTotal(), p.bytesPerSecond(), p.eta(), p.percent()));
            } else if (e instanceof RunEvent.Warning w && !w.volume().equals(volume)) {
                inner.onEvent(new RunEvent.Warning(volume, w.message()));
            } else if (e instanceof RunEvent.Report r && !r.volume().equals(volume)) {
                inner.onEvent(new RunEvent.Report(volume, r.message(), r.created(), r.files(), r.bytes()));
            } else {
                inner.onEvent(e);
            }
        };
    }
}
