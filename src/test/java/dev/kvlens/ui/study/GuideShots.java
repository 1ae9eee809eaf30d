package dev.kvlens.ui.study;

import dev.kvlens.model.KvDtype;
import dev.kvlens.ui.common.AppPreferences;
import dev.kvlens.ui.common.Messages;
import dev.kvlens.ui.common.Page;
import dev.kvlens.ui.common.Theme;
import dev.kvlens.ui.shell.AppOptions;
import dev.kvlens.ui.shell.AppShell;
import dev.kvlens.ui.shell.Screenshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.prefs.Preferences;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * Not a test: takes the user-guide screenshots (docs/images/guide-*.png) from the real window, with a real
 * (X11/GTK) stage. Run under Xvfb with the test classpath:
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) dev.kvlens.ui.study.GuideShots\$Launch docs/images}.
 * Uses its own throw-away preferences node, so the user's settings are untouched.
 */
public final class GuideShots extends Application {

    private record Shot(String name, Consumer<AppShell> setup) {
    }

    private final List<Shot> shots = new ArrayList<>();
    private Path out;
    private Preferences node;

    /** The entry point (a class that is not an Application, so the plain java launcher accepts it). */
    public static final class Launch {
        public static void main(String[] args) {
            Application.launch(GuideShots.class, args);
        }
    }

    @Override
    public void start(Stage stage) {
        out = Path.of(getParameters().getRaw().isEmpty() ? "docs/images" : getParameters().getRaw().get(0));
        node = Preferences.userRoot().node("dev/kvlens/shots/" + UUID.randomUUID());
        AppPreferences prefs = new AppPreferences(node);
        prefs.setNumber(AppPreferences.WINDOW_W, 1400);
        prefs.setNumber(AppPreferences.WINDOW_H, 880);
        AppShell shell = new AppShell(stage, prefs, AppOptions.parse(List.of("--lang", "en", "--theme", "light")), null);
        stage.show();

        shots.add(new Shot("guide-calculator", s -> s.window().showPage("calculator")));
        shots.add(new Shot("guide-lesson", s -> {
            StudyPage p = study(s);
            s.window().showPage(StudyPage.ID);
            p.section("lesson");
            p.lesson().start();
            for (int i = 0; i < 5; i++) {
                p.lesson().next();
            }
        }));
        shots.add(new Shot("guide-lesson-bar", s -> s.window().showPage("diagram")));
        shots.add(new Shot("guide-cards", s -> {
            StudyPage p = study(s);
            p.lesson().pause();
            s.window().showPage(StudyPage.ID);
            p.section("cards");
            clickById(s, "cardNext", 3);
            clickById(s, CardsView.REVEAL_ID, 1);
        }));
        shots.add(new Shot("guide-myths", s -> {
            study(s).section("myths");
            clickById(s, MythsView.NEXT_ID, 4);
        }));
        shots.add(new Shot("guide-quiz", s -> {
            StudyPage p = study(s);
            p.section("quiz");
            p.quiz().ask(llama70bQuestion());
            p.quiz().pickedProperty().set(p.quiz().question().correctChoice());
            ((javafx.scene.control.RadioButton) s.scene().lookup("#quizChoice" + p.quiz().question().correctChoice()))
                    .setSelected(true);
            p.quiz().check();
        }));
        shots.add(new Shot("guide-quiz-typed", s -> {
            StudyPage p = study(s);
            p.quiz().ask(new QuizGenerator(21).next(Question.Kind.TOKENS_THAT_FIT, false));
            long right = (long) p.quiz().question().correct();
            p.quiz().typedProperty().set(String.format(java.util.Locale.ROOT, "%.1fk", right / 1000.0));
            p.quiz().check();
        }));
        shots.add(new Shot("guide-quiz-zh-dark", s -> {
            study(s).quiz().ask(llama70bQuestion());
            study(s).quiz().pickedProperty().set(study(s).quiz().question().correctChoice());
            ((javafx.scene.control.RadioButton) s.scene().lookup("#quizChoice"
                    + study(s).quiz().question().correctChoice())).setSelected(true);
            study(s).quiz().check();
            s.setLanguage(Messages.CHINESE);
            s.setTheme(Theme.DARK);
        }));
        shots.add(new Shot("guide-lesson-zh", s -> {
            StudyPage p = study(s);
            p.section("lesson");
            p.lesson().back();
        }));
        shots.add(new Shot("guide-calculator-zh-dark", s -> {
            s.setTheme(Theme.DARK);
            s.window().showPage("calculator");
        }));
        shots.add(new Shot("guide-presentation", s -> {
            s.setLanguage(Messages.ENGLISH);
            s.setTheme(Theme.LIGHT);
            s.window().showPage("diagram");
            s.setPresentation(true);
        }));
        next(shell, 0);
    }

    /**
     * Menus and dialogs are windows of their own, so a scene snapshot does not show them: these two shots
     * capture the whole X screen with ImageMagick's {@code import} (skipped when it is not installed).
     */
    private void screenShots(AppShell shell, Runnable done) {
        Runnable openExport = () -> {
            shell.window().showPage("measure");
            javafx.scene.control.MenuBar bar = (javafx.scene.control.MenuBar) shell.window().getTop();
            javafx.scene.control.Menu file = bar.getMenus().get(0);
            file.show();
        };
        openExport.run();
        // hover "Export" with the mouse so its submenu opens, as it would for a user
        javafx.scene.robot.Robot mouse = new javafx.scene.robot.Robot();
        after(700, () -> {
            for (javafx.stage.Window w : javafx.stage.Window.getWindows()) {
                if (w instanceof javafx.stage.PopupWindow && w.getScene() != null) {
                    for (javafx.scene.Node n : w.getScene().getRoot().lookupAll(".menu")) {
                        javafx.geometry.Bounds b = n.localToScreen(n.getBoundsInLocal());
                        if (b != null) {
                            mouse.mouseMove(b.getMinX() + 30, b.getCenterY());
                        }
                    }
                }
            }
        });
        after(1800, () -> {
            grabScreen("guide-export-menu", shell);
            ((javafx.scene.control.MenuBar) shell.window().getTop()).getMenus().get(0).hide();
            shell.showShortcuts();
            after(1500, () -> {
                grabScreen("guide-shortcuts", shell);
                for (javafx.stage.Window w : new ArrayList<>(javafx.stage.Window.getWindows())) {
                    if (w instanceof Stage st && st != shell.scene().getWindow()) {
                        st.close();
                    }
                }
                done.run();
            });
        });
    }

    private static void after(long ms, Runnable r) {
        PauseTransition p = new PauseTransition(Duration.millis(ms));
        p.setOnFinished(e -> r.run());
        p.play();
    }

    private void grabScreen(String name, AppShell shell) {
        Path file = out.resolve(name + ".png");
        javafx.stage.Window w = shell.scene().getWindow();
        javafx.geometry.Point2D origin = shell.scene().getRoot().localToScreen(0, 0);
        String crop = String.format(java.util.Locale.ROOT, "%dx%d+%d+%d", (int) shell.scene().getWidth(),
                (int) shell.scene().getHeight(), (int) origin.getX(), (int) origin.getY());
        try {
            Process p = new ProcessBuilder("import", "-window", "root", "-crop", crop,
                    file.toAbsolutePath().toString()).inheritIO().start();
            if (p.waitFor() == 0) {
                System.out.println("wrote " + file);
            }
        } catch (Exception e) {
            System.err.println("skipped " + name + ": " + e.getMessage());
        }
    }

    private static StudyPage study(AppShell s) {
        for (Page p : s.window().pages()) {
            if (p instanceof StudyPage sp) {
                return sp;
            }
        }
        throw new IllegalStateException("no study page");
    }

    private static void clickById(AppShell s, String id, int times) {
        var b = (javafx.scene.control.ButtonBase) s.scene().lookup("#" + id);
        for (int i = 0; i < times; i++) {
            b.fire();
        }
    }

    /** The issue's example: Llama-2-70B, fp16, 4096 tokens, batch 8. */
    static Question llama70bQuestion() {
        for (long seed = 0; seed < 1_000_000; seed++) {
            Question q = new QuizGenerator(seed).next(Question.Kind.TOTAL_CACHE, true);
            if (q.promptArgs().equals(List.of("Llama-2-70B", KvDtype.FP16.id(), "4,096", 8))) {
                return q;
            }
        }
        throw new IllegalStateException("no such question");
    }

    private void next(AppShell shell, int i) {
        if (i == shots.size()) {
            shell.setPresentation(false);
            shell.setLanguage(Messages.ENGLISH);
            screenShots(shell, () -> finish(shell));
            return;
        }
        shoot(shell, i);
    }

    private void finish(AppShell shell) {
        shell.close();
        try {
            node.removeNode();
        } catch (Exception ignored) {
            // throw-away node
        }
        Platform.exit();
    }

    private void shoot(AppShell shell, int i) {
        Shot shot = shots.get(i);
        shot.setup().accept(shell);
        PauseTransition wait = new PauseTransition(Duration.millis(1200));
        wait.setOnFinished(e -> {
            try {
                Path file = out.resolve(shot.name() + ".png");
                Screenshot.write(shell.scene().snapshot(null), file);
                System.out.println("wrote " + file);
            } catch (Exception ex) {
                System.err.println("failed " + shot.name() + ": " + ex);
            }
            next(shell, i + 1);
        });
        wait.play();
    }
}
