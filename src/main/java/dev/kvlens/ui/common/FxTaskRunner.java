package dev.kvlens.ui.common;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Platform;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Background workers (daemon threads named {@code kvlens-worker-N}) whose callbacks run on the FX thread.
 * Running jobs are listed in {@link #running()} so the status bar can show progress and a cancel button.
 */
public final class FxTaskRunner implements TaskRunner {

    private static final Logger LOG = Logger.getLogger(FxTaskRunner.class.getName());
    public static final String THREAD_PREFIX = "kvlens-worker-";

    private final ExecutorService pool;
    private final ObservableList<RunningJob> running = FXCollections.observableArrayList();

    public FxTaskRunner(int threads) {
        AtomicInteger n = new AtomicInteger();
        pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, THREAD_PREFIX + n.incrementAndGet());
            t.setDaemon(true);
            t.setPriority(Thread.NORM_PRIORITY - 1);
            return t;
        });
        ((ThreadPoolExecutor) pool).allowCoreThreadTimeOut(true);
    }

    /** A job in flight, observable from the FX thread. */
    public static final class RunningJob {
        private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper();
        private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
        private final DoubleProperty progress = new SimpleDoubleProperty(-1);
        private final AtomicBoolean cancelled = new AtomicBoolean();
        private volatile Future<?> future;

        RunningJob(String name) {
            this.name.set(name);
        }

        public ReadOnlyStringProperty nameProperty() {
            return name.getReadOnlyProperty();
        }

        public ReadOnlyStringProperty messageProperty() {
            return message.getReadOnlyProperty();
        }

        public DoubleProperty progressProperty() {
            return progress;
        }

        public void cancel() {
            cancelled.set(true);
            Future<?> f = future;
            if (f != null) {
                f.cancel(false);
            }
        }
    }

    public ObservableList<RunningJob> running() {
        return running;
    }

    @Override
    public <T> Handle submit(String name, Job<T> job, Consumer<? super T> onDone, Consumer<Throwable> onFail) {
        RunningJob rj = new RunningJob(name);
        runOnFx(() -> running.add(rj));
        Progress progress = new Progress() {
            @Override
            public void update(double fraction, String msg) {
                runOnFx(() -> {
                    rj.progress.set(fraction);
                    rj.message.set(msg == null ? "" : msg);
                });
            }

            @Override
            public boolean isCancelled() {
                return rj.cancelled.get() || Thread.currentThread().isInterrupted();
            }

            @Override
            public void onUi(Runnable action) {
                runOnFx(() -> {
                    if (!rj.cancelled.get()) {
                        action.run();
                    }
                });
            }
        };
        AtomicBoolean done = new AtomicBoolean();
        rj.future = pool.submit(() -> {
            try {
                if (rj.cancelled.get()) {
                    return;
                }
                T result = job.run(progress);
                runOnFx(() -> {
                    if (!rj.cancelled.get()) {
                        onDone.accept(result);
                    }
                });
            } catch (CancellationException e) {
                // a newer request replaced this one
            } catch (Throwable e) {
                if (!rj.cancelled.get()) {
                    LOG.log(Level.FINE, "job failed: " + name, e);
                    runOnFx(() -> onFail.accept(e));
                }
            } finally {
                done.set(true);
                runOnFx(() -> running.remove(rj));
            }
        });
        return new Handle() {
            @Override
            public void cancel() {
                rj.cancel();
                if (rj.future != null && rj.future.isCancelled()) {
                    done.set(true);
                    runOnFx(() -> running.remove(rj));
                }
            }

            @Override
            public boolean isDone() {
                return done.get();
            }
        };
    }

    private static void runOnFx(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            try {
                Platform.runLater(r);
            } catch (IllegalStateException toolkitGone) {
                // the app is closing
            }
        }
    }

    @Override
    public void close() {
        for (RunningJob j : running) {
            j.cancelled.set(true);
        }
        pool.shutdownNow();
        try {
            pool.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
