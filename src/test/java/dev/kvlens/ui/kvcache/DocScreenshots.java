package dev.kvlens.ui.kvcache;

import dev.kvlens.ui.common.AppPreferences;
import dev.kvlens.ui.common.Page;
import dev.kvlens.ui.shell.AppOptions;
import dev.kvlens.ui.shell.AppShell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * Writes the documentation screenshots of the real window (not a test): {@code DocScreenshots OUT.png STEPS
 * [app options...]}, e.g. {@code docs/images/kvcache-gqa8.png 6 --page kvcache --config gqa8.json}. The
 * KV-cache page is stepped {@code STEPS} tokens forward (real kernel steps) before the picture is taken.
 */
public final class DocScreenshots {

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int steps = Integer.parseInt(args[1]);
        List<String> opts = Arrays.asList(args).subList(2, args.length);
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get();
        AppShell[] shell = new AppShell[1];
        fx(() -> {
            Stage stage = new Stage();
            AppPreferences prefs = new AppPreferences(
                    Preferences.userRoot().node("dev/kvlens/docshots/" + UUID.randomUUID()));
            shell[0] = new AppShell(stage, prefs, AppOptions.parse(opts), null);
            stage.setWidth(1500);
            stage.setHeight(950);
            stage.show();
        });
        Thread.sleep(1500);
        Page page = fx(() -> shell[0].window().currentPage().orElseThrow());
        if (page instanceof KvCachePage kv) {
            KvCacheViewModel vm = kv.viewModel();
            while (!fx(() -> vm.kernelState() != KvCacheViewModel.KernelState.PREPARING)) {
                Thread.sleep(100);
            }
            fx(() -> {
                vm.seek(steps);
                return null;
            });
            while (!fx(() -> vm.position() == steps && !vm.busy())) {
                Thread.sleep(100);
            }
            Thread.sleep(1200); // let the last step's animation finish
            if (Boolean.getBoolean("docshots.midStep")) {
                // one more step, pictured while the new token's queries read the cache
                fx(() -> {
                    vm.speedProperty().set(0.25);
                    vm.stepForward();
                    return null;
                });
                Thread.sleep(Long.getLong("docshots.midStepMillis", 200));
            }
            if (Boolean.getBoolean("docshots.scrollDown")) {
                fx(() -> kv.view().setVvalue(1));
                Thread.sleep(600);
            }
        } else {
            Thread.sleep(800);
        }
        fx(() -> {
            var img = shell[0].scene().snapshot(null);
            Files.createDirectories(out.toAbsolutePath().getParent());
            ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", out.toFile());
            return null;
        });
        System.out.println("written " + out);
        fx(() -> {
            shell[0].window().dispose();
            return null;
        });
        Platform.exit();
        System.exit(0);
    }

    private static <T> T fx(java.util.concurrent.Callable<T> c) throws Exception {
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

    private static void fx(Runnable r) throws Exception {
        fx(() -> {
            r.run();
            return null;
        });
    }
}
