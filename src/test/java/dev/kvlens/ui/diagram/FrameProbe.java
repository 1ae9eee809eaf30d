package dev.kvlens.ui.diagram;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;

/**
 * Measures what a user feels while something animates: the time between pulses (an {@link AnimationTimer}
 * records {@code System.nanoTime()} at every pulse) and how long the FX thread was busy (a daemon thread posts
 * a runnable every 2 ms and records how late it runs — a task of N ms on the FX thread delays it by ≈ N ms).
 */
public final class FrameProbe {

    private final long[] frames = new long[100_000];
    private final long[] delays = new long[200_000];
    private int nFrames;
    private int nDelays;
    private long last;
    private final AtomicBoolean pinging = new AtomicBoolean();
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            long t = System.nanoTime();
            if (last != 0 && nFrames < frames.length) {
                frames[nFrames++] = t - last;
            }
            last = t;
        }
    };

    private long fxCpu0;
    private long renderCpu0;
    private long fxCpu;
    private long renderCpu;

    /** CPU nanoseconds used so far by the threads whose name starts with {@code prefix}. */
    static long cpuOf(String prefix) {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(prefix)) {
                long c = mx.getThreadCpuTime(t.getId());
                if (c > 0) {
                    sum += c;
                }
            }
        }
        return sum;
    }

    /** Starts recording; call on the FX thread. */
    public void start() {
        fxCpu0 = cpuOf("JavaFX Application Thread");
        renderCpu0 = cpuOf("QuantumRenderer");
        nFrames = 0;
        nDelays = 0;
        last = 0;
        timer.start();
        pinging.set(true);
        Thread t = new Thread(() -> {
            while (pinging.get()) {
                long posted = System.nanoTime();
                Platform.runLater(() -> {
                    if (nDelays < delays.length) {
                        delays[nDelays++] = System.nanoTime() - posted;
                    }
                });
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "frame-probe-ping");
        t.setDaemon(true);
        t.start();
    }

    /** Stops recording; call on the FX thread. */
    public void stop() {
        fxCpu = cpuOf("JavaFX Application Thread") - fxCpu0;
        renderCpu = cpuOf("QuantumRenderer") - renderCpu0;
        timer.stop();
        pinging.set(false);
    }

    /** Frame intervals and FX-thread delays, in milliseconds. */
    public record Result(int frames, double p50, double p99, double max, double fps, int delays, double delayP99,
                         double delayMax, int delaysOver16, double fxCpuPerFrame, double renderCpuPerFrame) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "frames=%d p50=%.2f ms p99=%.2f ms max=%.2f ms (%.1f fps mean); "
                    + "FX-thread delay samples=%d p99=%.2f ms max=%.2f ms, >16 ms: %d; CPU per frame: FX thread "
                    + "%.2f ms, render thread %.2f ms", frames, p50, p99, max, fps,
                    delays, delayP99, delayMax, delaysOver16, fxCpuPerFrame, renderCpuPerFrame);
        }
    }

    public Result result() {
        long[] f = Arrays.copyOf(frames, nFrames);
        long[] d = Arrays.copyOf(delays, nDelays);
        Arrays.sort(f);
        Arrays.sort(d);
        double mean = Arrays.stream(f).average().orElse(Double.NaN);
        int over = 0;
        for (long x : d) {
            if (x > 16_000_000L) {
                over++;
            }
        }
        return new Result(f.length, ms(pct(f, 0.5)), ms(pct(f, 0.99)), ms(f.length == 0 ? 0 : f[f.length - 1]),
                1e9 / mean, d.length, ms(pct(d, 0.99)), ms(d.length == 0 ? 0 : d[d.length - 1]), over,
                f.length == 0 ? 0 : fxCpu / 1e6 / (f.length + 1), f.length == 0 ? 0 : renderCpu / 1e6 / (f.length + 1));
    }

    private static long pct(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * (sorted.length - 1) + 0.5))];
    }

    private static double ms(long ns) {
        return ns / 1e6;
    }
}
