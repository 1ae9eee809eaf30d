package dev.kvlens.ui.common;

import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Collapses a storm of triggers (a slider being dragged) into one action that runs {@code delayMillis} after
 * the last trigger, on {@code target} (the FX thread in the app; the calling thread in tests).
 */
public final class Debouncer {

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kvlens-debounce");
        t.setDaemon(true);
        return t;
    });

    private final long delayMillis;
    private final Executor target;
    private final Runnable action;
    private ScheduledFuture<?> pending;

    public Debouncer(long delayMillis, Executor target, Runnable action) {
        this.delayMillis = delayMillis;
        this.target = target;
        this.action = action;
    }

    /** Restarts the wait; with a zero delay the action runs now. */
    public synchronized void trigger() {
        cancel();
        if (delayMillis <= 0) {
            target.execute(action);
            return;
        }
        pending = TIMER.schedule(() -> target.execute(action), delayMillis, TimeUnit.MILLISECONDS);
    }

    /** Drops a pending action. */
    public synchronized void cancel() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }
}
