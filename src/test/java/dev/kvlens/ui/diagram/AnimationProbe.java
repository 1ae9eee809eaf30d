package dev.kvlens.ui.diagram;

import dev.kvlens.model.AttentionConfig;
import dev.kvlens.model.KvDtype;
import dev.kvlens.ui.common.AppContext;
import dev.kvlens.ui.common.AppPreferences;
import dev.kvlens.ui.common.ConfigModel;
import dev.kvlens.ui.common.FxTaskRunner;
import dev.kvlens.ui.common.Messages;
import dev.kvlens.ui.common.StatusModel;
import dev.kvlens.ui.common.Theme;
import dev.kvlens.ui.controls.ControlsView;
import dev.kvlens.ui.controls.ControlsViewModel;
import dev.kvlens.ui.kvcache.KvCachePage;
import dev.kvlens.ui.kvcache.KvCacheViewModel;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

/**
 * Frame-time measurement for docs/benchmarks.md (not a unit test): opens a real 1600×1000 window with the
 * control panel and (1) the head-sharing diagram at H = 64 while the KV-heads value changes every 100 ms
 * (the morph is retargeted all the time), then (2) the KV-cache page at H = 64 playing at 16× (a kernel
 * step every 75 ms). Run under a display (Xvfb is fine; say so when reporting):
 * {@code java -cp target/classes:target/test-classes:CP --add-modules jdk.incubator.vector
 * -Dprism.verbose=true dev.kvlens.ui.diagram.AnimationProbe [seconds]}.
 */
public final class AnimationProbe {

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get();
        ConfigModel model = new ConfigModel(AttentionConfig.of(64, 8, 128, 32, 1, 4096, KvDtype.FP16));
        FxTaskRunner runner = new FxTaskRunner(2);
        BorderPane root = new BorderPane();
        Stage[] stage = new Stage[1];
        DiagramPage[] diagram = new DiagramPage[1];
        KvCachePage[] cache = new KvCachePage[1];
        onFx(() -> {
            Messages.setLocale(Messages.ENGLISH);
            stage[0] = new Stage();
            AppContext ctx = new AppContext(model, runner,
                    new AppPreferences(Preferences.userRoot().node("dev/kvlens/probe/" + UUID.randomUUID())),
                    new StatusModel(), stage[0]);
            diagram[0] = new DiagramPage(ctx);
            cache[0] = new KvCachePage(ctx);
            root.setLeft(new ControlsView(new ControlsViewModel(model)));
            root.setCenter(diagram[0].node());
            Scene scene = new Scene(root, 1600, 1000);
            Theme.LIGHT.applyGlobally();
            Theme.LIGHT.applyTo(scene, 1);
            stage[0].setScene(scene);
            stage[0].show();
            diagram[0].shown();
        });
        Thread.sleep(2000);
        System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " CPUs, JDK "
                + System.getProperty("java.version") + ", load " + loadAverage());

        String variant = System.getProperty("probe.variant", "");
        if (!variant.isEmpty()) {
            onFx(() -> {
                javafx.scene.Node v = diagram[0].view();
                if (variant.contains("nolines")) {
                    v.getScene().getStylesheets().add("data:text/css,.head-line{visibility:hidden;}");
                }
                if (variant.contains("nosmooth")) {
                    v.lookupAll(".head-line").forEach(n -> ((javafx.scene.shape.Shape) n).setSmooth(false));
                }
                if (variant.contains("butt")) {
                    v.getScene().getStylesheets().add("data:text/css,.diagram .head-line{-fx-stroke-line-cap:butt;-fx-opacity:1;}");
                }
                if (variant.contains("opaque")) {
                    v.getScene().getStylesheets().add("data:text/css,.head-line,.value-block{-fx-opacity:1;}");
                }
            });
        }
        // 1) diagram morph, retargeted every 100 ms
        FrameProbe probe = new FrameProbe();
        List<Integer> kvs = List.of(1, 2, 4, 8, 16, 32, 64, 32, 16, 8, 4, 2);
        onFx(probe::start);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        int i = 0;
        int animatingSamples = 0;
        int samples = 0;
        long[] handler = new long[10_000];
        int[] nh = new int[1];
        while (System.nanoTime() < end) {
            int kv = kvs.get(i++ % kvs.size());
            onFx(() -> {
                // the whole slider -> config -> listeners -> diagram redraw path, on the FX thread
                long t0 = System.nanoTime();
                model.update(c -> c.withKvHeads(kv));
                handler[nh[0]++] = System.nanoTime() - t0;
            });
            Thread.sleep(50);
            samples++;
            if (diagram[0].view().animating()) {
                animatingSamples++;
            }
            Thread.sleep(50);
        }
        onFx(probe::stop);
        System.out.println("diagram morph H=64 (" + animatingSamples + "/" + samples + " samples animating): "
                + probe.result());
        long[] hs = java.util.Arrays.copyOf(handler, nh[0]);
        java.util.Arrays.sort(hs);
        System.out.printf(java.util.Locale.ROOT, "KV change handled (config + control panel + diagram redraw, same "
                + "event): n=%d p50=%.2f ms p99=%.2f ms max=%.2f ms%n", hs.length, hs[hs.length / 2] / 1e6,
                hs[(int) (hs.length * 0.99)] / 1e6, hs[hs.length - 1] / 1e6);

        // 2) KV-cache animation at 16x
        onFx(() -> {
            diagram[0].hidden();
            root.setCenter(cache[0].node());
            cache[0].shown();
        });
        KvCacheViewModel vm = cache[0].viewModel();
        while (true) {
            Boolean ready = callFx(() -> vm.kernelState() == KvCacheViewModel.KernelState.MEASURED);
            if (ready) {
                break;
            }
            Thread.sleep(100);
        }
        onFx(() -> {
            vm.speedProperty().set(16.0);
            vm.play();
        });
        Thread.sleep(500);
        FrameProbe probe2 = new FrameProbe();
        onFx(probe2::start);
        int[] steps = new int[1];
        vm.positionProperty().addListener((o, a, b) -> steps[0]++);
        end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            onFx(() -> {
                if (!vm.playing()) {
                    vm.play(); // restarts from the prompt at the end
                }
            });
            Thread.sleep(100);
        }
        onFx(probe2::stop);
        String measured = callFx(() -> vm.laneMeasured(dev.kvlens.ui.kvcache.DecodeSession.LaneKind.CURRENT));
        System.out.println("kv-cache animation H=64 16x (" + steps[0] + " position changes): " + probe2.result());
        System.out.println("last kernel line: " + measured);
        onFx(() -> {
            cache[0].dispose();
            diagram[0].dispose();
            stage[0].close();
        });
        runner.close();
        Platform.exit();
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "?";
        }
    }

    private static void onFx(Runnable r) throws Exception {
        callFx(() -> {
            r.run();
            return null;
        });
    }

    private static <T> T callFx(java.util.concurrent.Callable<T> c) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(c.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f.get();
    }
}
