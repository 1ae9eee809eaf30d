package dev.kvlens.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kvlens.model.AttentionConfig;
import dev.kvlens.model.KvDtype;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Debounce, cancel and latest-only delivery with a manual clock and a manual background thread. */
class MeasurementServiceTest {

    static final MeasurementLimits LIMITS = new MeasurementLimits(1L << 30, 4L << 20, 3, 64, 1e7, 1, 2, 0);
    static final AttentionConfig BASE = AttentionConfig.of(8, 2, 64, 4, 1, 256, KvDtype.FP16);

    /** Timers that fire only when the test says so. */
    static final class ManualScheduler implements MeasurementService.Scheduler {
        final List<Object[]> timers = new ArrayList<>();

        @Override
        public MeasurementService.Cancellable schedule(long delayMillis, Runnable action) {
            boolean[] cancelled = {false};
            timers.add(new Object[] {action, cancelled});
            return () -> cancelled[0] = true;
        }

        int live() {
            return (int) timers.stream().filter(t -> !((boolean[]) t[1])[0]).count();
        }

        void fireAll() {
            List<Object[]> now = new ArrayList<>(timers);
            timers.clear();
            for (Object[] t : now) {
                if (!((boolean[]) t[1])[0]) {
                    ((Runnable) t[0]).run();
                }
            }
        }
    }

    /** Background jobs that run only when the test says so; deliveries run at once (one thread). */
    static final class ManualLauncher implements MeasurementService.Launcher {
        final List<Job> jobs = new ArrayList<>();

        static final class Job implements MeasurementService.RunContext {
            final String name;
            final MeasurementService.Work work;
            boolean cancelled;
            double progress = -1;

            Job(String name, MeasurementService.Work work) {
                this.name = name;
                this.work = work;
            }

            @Override
            public boolean isCancelled() {
                return cancelled;
            }

            @Override
            public void progress(double fraction, String message) {
                progress = fraction;
            }

            @Override
            public void deliver(Runnable action) {
                action.run();
            }

            void run() throws Exception {
                work.run(this);
            }
        }

        @Override
        public MeasurementService.Cancellable launch(String name, MeasurementService.Work work) {
            Job j = new Job(name, work);
            jobs.add(j);
            return () -> j.cancelled = true;
        }
    }

    static final class Recorder implements MeasurementService.Listener {
        final List<SweepSnapshot> snapshots = new ArrayList<>();
        final List<MeasurementPlan> requested = new ArrayList<>();
        final List<CalibrationResult> calibrations = new ArrayList<>();
        final List<Throwable> failures = new ArrayList<>();

        @Override
        public void requested(MeasurementPlan plan) {
            requested.add(plan);
        }

        @Override
        public void snapshot(SweepSnapshot s) {
            snapshots.add(s);
        }

        @Override
        public void failed(MeasurementPlan plan, Throwable error) {
            failures.add(error);
        }

        @Override
        public void calibrated(CalibrationResult r) {
            calibrations.add(r);
        }

        SweepSnapshot last() {
            return snapshots.get(snapshots.size() - 1);
        }
    }

    final FakeProbe probe = new FakeProbe();
    final ManualScheduler clock = new ManualScheduler();
    final ManualLauncher bg = new ManualLauncher();
    final Recorder rec = new Recorder();
    final MeasurementService service = new MeasurementService(probe,
            (cancel, progress) -> new CalibrationResult(10, 50, 1, 1 << 20, "fake", 0L), LIMITS, clock, bg, 80, rec,
            "measure", "calibrate");

    @Test
    void aSliderStormEndsInOneRunOfTheLastConfig() throws Exception {
        for (int kv : new int[] {1, 2, 4, 8, 4, 2}) {
            service.request(BASE.withKvHeads(kv));
        }
        assertThat(clock.live()).isEqualTo(1);
        clock.fireAll();
        assertThat(bg.jobs).hasSize(1);
        bg.jobs.get(0).run();
        assertThat(rec.last().done()).isTrue();
        assertThat(rec.last().plan().currentKv()).isEqualTo(2);
        assertThat(rec.snapshots).allMatch(s -> s.plan().currentKv() == 2);
        assertThat(service.isBusy()).isFalse();
    }

    @Test
    void aNewRequestCancelsTheRunInFlightAndDropsItsLateResults() throws Exception {
        service.request(BASE.withKvHeads(4));
        clock.fireAll();
        ManualLauncher.Job first = bg.jobs.get(0);
        service.request(BASE.withKvHeads(1));
        assertThat(first.cancelled).isTrue();
        first.run(); // the stale worker wakes up late: it must deliver nothing
        assertThat(rec.snapshots).isEmpty();
        assertThat(probe.calls).isEmpty();
        clock.fireAll();
        bg.jobs.get(1).run();
        assertThat(rec.snapshots).isNotEmpty().allMatch(s -> s.plan().currentKv() == 1);
    }

    @Test
    void partialResultsStreamInOrder() throws Exception {
        service.request(BASE);
        clock.fireAll();
        bg.jobs.get(0).run();
        List<Integer> counts = rec.snapshots.stream().map(SweepSnapshot::measuredCount).toList();
        assertThat(counts).isSorted();
        assertThat(counts.get(0)).isEqualTo(1);
        assertThat(rec.snapshots.stream().filter(SweepSnapshot::done)).hasSize(1);
        assertThat(bg.jobs.get(0).progress).isEqualTo(1.0);
    }

    @Test
    void formulaOnlyChangesDoNotRemeasureButForceDoes() throws Exception {
        service.request(BASE);
        clock.fireAll();
        bg.jobs.get(0).run();
        int runs = bg.jobs.size();
        service.request(BASE.withLayers(80).withDtype(KvDtype.INT4));
        clock.fireAll();
        assertThat(bg.jobs).hasSize(runs);
        assertThat(rec.requested).last().matches(p -> p.config().layers() == 80);
        service.request(BASE.withLayers(80), true);
        clock.fireAll();
        assertThat(bg.jobs).hasSize(runs + 1);
    }

    @Test
    void cancelAndCloseStopEverything() throws Exception {
        service.request(BASE);
        service.cancel();
        assertThat(clock.live()).isZero();
        assertThat(service.isBusy()).isFalse();
        service.request(BASE);
        clock.fireAll();
        service.close();
        assertThat(bg.jobs.get(0).cancelled).isTrue();
        bg.jobs.get(0).run();
        assertThat(rec.snapshots).isEmpty();
        assertThat(probe.closed).isTrue();
        assertThat(service.request(BASE)).isNull();
    }

    @Test
    void calibrationIsDeliveredOnce() throws Exception {
        service.calibrate();
        bg.jobs.get(0).run();
        assertThat(rec.calibrations).hasSize(1);
        assertThat(rec.calibrations.get(0).readGBs()).isEqualTo(10);
    }

    @Test
    void aFailingProbeIsReportedOnceAndTheServiceStaysUsable() throws Exception {
        probe.beforeCall = () -> {
            throw new IllegalStateException("boom");
        };
        service.request(BASE);
        clock.fireAll();
        bg.jobs.get(0).run();
        assertThat(rec.failures).hasSize(1);
        assertThat(service.isBusy()).isFalse();
        probe.beforeCall = () -> { };
        service.request(BASE, true);
        clock.fireAll();
        bg.jobs.get(1).run();
        assertThat(rec.last().done()).isTrue();
    }
}
