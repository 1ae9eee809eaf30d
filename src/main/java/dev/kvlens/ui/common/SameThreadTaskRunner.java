package dev.kvlens.ui.common;

import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

/** Runs jobs at once on the calling thread; for ViewModel tests without a toolkit. */
public final class SameThreadTaskRunner implements TaskRunner {

    private int submitted;

    @Override
    public <T> Handle submit(String name, Job<T> job, Consumer<? super T> onDone, Consumer<Throwable> onFail) {
        submitted++;
        boolean[] cancelled = {false};
        Progress p = new Progress() {
            @Override
            public void update(double fraction, String message) {
            }

            @Override
            public boolean isCancelled() {
                return cancelled[0];
            }

            @Override
            public void onUi(Runnable action) {
                action.run();
            }
        };
        try {
            T result = job.run(p);
            onDone.accept(result);
        } catch (CancellationException e) {
            // cancelled: no callback
        } catch (Exception e) {
            onFail.accept(e);
        }
        return new Handle() {
            @Override
            public void cancel() {
                cancelled[0] = true;
            }

            @Override
            public boolean isDone() {
                return true;
            }
        };
    }

    /** How many jobs were submitted, for tests. */
    public int submitted() {
        return submitted;
    }

    @Override
    public void close() {
    }
}
