package dev.kvlens.ui.common;

import java.util.function.Consumer;

/**
 * The one door for work off the JavaFX thread. Results, failures and {@link Progress#onUi} actions are
 * delivered on the UI thread ({@link FxTaskRunner}) or on the caller's thread ({@link SameThreadTaskRunner},
 * for tests without a toolkit).
 */
public interface TaskRunner extends AutoCloseable {

    /** Background work; it should check {@link Progress#isCancelled()} between steps. */
    @FunctionalInterface
    interface Job<T> {
        T run(Progress progress) throws Exception;
    }

    /** Given to a running job. */
    interface Progress {
        /** Fraction in [0, 1] (or negative for "unknown") and a short localized message. */
        void update(double fraction, String message);

        boolean isCancelled();

        /** Runs {@code action} on the UI thread, e.g. to show a partial result. */
        void onUi(Runnable action);
    }

    /** A submitted job. */
    interface Handle {
        void cancel();

        boolean isDone();
    }

    /**
     * Starts {@code job}. {@code onDone} gets its result, {@code onFail} its exception — unless it was cancelled,
     * in which case neither is called.
     */
    <T> Handle submit(String name, Job<T> job, Consumer<? super T> onDone, Consumer<Throwable> onFail);

    /** Cancels everything and stops the worker threads. */
    @Override
    void close();
}
