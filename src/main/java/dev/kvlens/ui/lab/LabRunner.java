package dev.kvlens.ui.lab;

import dev.kvlens.ui.common.Debouncer;
import dev.kvlens.ui.common.TaskRunner;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * One measurement at a time for a Lab section: {@link #request} restarts a debounce timer (slider storms end
 * in one run of the last setting), a new run cancels the one in flight, and {@link #cancel} stops both. Work
 * goes through the app's {@link TaskRunner} (status-bar progress and cancel button); its callbacks arrive on
 * the UI thread. Results of a superseded run are dropped.
 */
final class LabRunner {

    private final TaskRunner tasks;
    private final Debouncer debouncer;
    private Runnable pending;
    private TaskRunner.Handle handle;
    private long generation;

    /**
     * @param ui where debounced starts run (the FX thread; {@code Runnable::run} in tests)
     */
    LabRunner(TaskRunner tasks, long delayMillis, Executor ui) {
        this.tasks = tasks;
        this.debouncer = new Debouncer(delayMillis, ui, () -> {
            Runnable p = pending;
            pending = null;
            if (p != null) {
                p.run();
            }
        });
    }

    /** Runs {@code start} after the debounce delay, replacing any earlier request that has not started yet. */
    void request(Runnable start) {
        pending = start;
        debouncer.trigger();
    }

    /**
     * Cancels the run in flight (if any) and starts the job made by {@code job}; callbacks only for the newest
     * run. The factory gets a flag that is true (on the UI thread) while this run is still the newest, for
     * dropping stale partial results posted with {@code progress.onUi}.
     */
    <T> void submit(String name, Function<BooleanSupplier, TaskRunner.Job<T>> job, Consumer<? super T> onDone,
                    Consumer<Throwable> onFail) {
        cancelRun();
        long gen = ++generation;
        BooleanSupplier current = () -> gen == generation;
        handle = tasks.submit(name, job.apply(current), r -> {
            if (current.getAsBoolean()) {
                handle = null;
                onDone.accept(r);
            }
        }, e -> {
            if (current.getAsBoolean()) {
                handle = null;
                onFail.accept(e);
            }
        });
    }

    boolean running() {
        return handle != null && !handle.isDone();
    }

    private void cancelRun() {
        if (handle != null) {
            handle.cancel();
            handle = null;
        }
    }

    /** Drops a pending request and cancels the run in flight. */
    void cancel() {
        pending = null;
        debouncer.cancel();
        generation++;
        cancelRun();
    }
}
