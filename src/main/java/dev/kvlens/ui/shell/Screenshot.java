package dev.kvlens.ui.shell;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;
import javafx.scene.transform.Transform;
import javafx.util.Duration;
import javax.imageio.ImageIO;

/** PNG snapshots of a scene or a node (smoke mode and exports). */
public final class Screenshot {

    private Screenshot() {
    }

    /** Smoke mode: after {@code delayMs}, writes the scene to {@code file} and exits (0 on success, 1 if not). */
    static void takeAfter(Scene scene, Path file, long delayMs) {
        PauseTransition wait = new PauseTransition(Duration.millis(Math.max(100, delayMs)));
        wait.setOnFinished(e -> {
            int code = 0;
            try {
                write(scene.snapshot(null), file);
                System.out.println("screenshot written: " + file.toAbsolutePath());
            } catch (IOException | RuntimeException ex) {
                System.err.println("error: screenshot failed: " + ex.getMessage());
                code = 1;
            }
            int exit = code;
            Platform.exit();
            new Thread(() -> {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
                System.exit(exit);
            }, "kvlens-exit").start();
        });
        wait.play();
    }

    /** A node at {@code scale} (1 or 2) as an image. */
    public static WritableImage snapshot(Node node, double scale) {
        SnapshotParameters p = new SnapshotParameters();
        p.setTransform(Transform.scale(scale, scale));
        return node.snapshot(p, null);
    }

    /** The PNG bytes of an image. */
    public static byte[] png(WritableImage image) throws IOException {
        BufferedImage img = SwingFXUtils.fromFXImage(image, null);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        if (!ImageIO.write(img, "png", out)) {
            throw new IOException("no PNG writer");
        }
        return out.toByteArray();
    }

    /** Writes a PNG; the parent folder must exist. */
    public static void write(WritableImage image, Path file) throws IOException {
        BufferedImage img = SwingFXUtils.fromFXImage(image, null);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(img, "png", file.toFile())) {
            throw new IOException("no PNG writer");
        }
    }
}
