package dev.kvlens.ui.study;

import dev.kvlens.ui.common.AppContext;
import dev.kvlens.ui.common.AppIcon;
import dev.kvlens.ui.common.Messages;
import dev.kvlens.ui.common.Page;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.event.EventHandler;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * The "Study" tab: guided lesson, concept cards, misconceptions and the computed quiz. While a lesson runs and
 * another page is on screen, the lesson bar (docked under the pages) keeps its text and Back / Next in view.
 */
public final class StudyPage implements Page {

    public static final String ID = "study";

    private final AppContext ctx;
    private final LessonViewModel lesson;
    private final QuizViewModel quiz;
    private final StudyView view;
    private final LessonView lessonView;
    private final LessonStrip strip;
    private final BooleanProperty onScreen = new SimpleBooleanProperty(false);
    private final EventHandler<KeyEvent> keys = this::keys;
    private Scene keyScene;

    public StudyPage(AppContext ctx) {
        this.ctx = ctx;
        lesson = new LessonViewModel(ctx.config(), ctx.prefs());
        lessonView = new LessonView(lesson, ctx.navigator());
        CardsView cards = new CardsView(new DeckViewModel<>(StudyDecks.CARDS, ctx.prefs(), "study.cards.index"));
        MythsView myths = new MythsView(new DeckViewModel<>(StudyDecks.MYTHS, ctx.prefs(), "study.myths.index"),
                ctx.config());
        quiz = new QuizViewModel(ctx.prefs(), System.nanoTime());
        QuizView quizView = new QuizView(quiz);
        view = new StudyView(ctx.prefs(), lessonView, cards, myths, quizView);
        strip = new LessonStrip(lesson, ctx.navigator(), () -> {
            ctx.navigator().showPage(ID);
            view.select("lesson");
        });
        BooleanBinding stripShown = lesson.activeProperty().and(onScreen.not());
        strip.visibleProperty().bind(stripShown);
        strip.managedProperty().bind(stripShown);
        ctx.navigator().setDock(strip);
        view.sceneProperty().addListener((o, a, s) -> listenForKeys(s));
        lesson.setListeners(() -> ctx.status().info(Messages.get("lesson.applied", lesson.index() + 1,
                stepConfigText())), () -> ctx.status().info(Messages.get("lesson.done")));
    }

    private String stepConfigText() {
        LessonStep s = lesson.step();
        return (s.presetId() != null && ctx.config().presetProperty().get() != null
                ? ctx.config().presetProperty().get().name() : Messages.get("lesson.custom"))
                + " · " + ctx.config().get().variantLabel();
    }

    /** Alt+→ / Alt+← step through the lesson when its text or its bar is on screen. */
    private void listenForKeys(Scene s) {
        if (keyScene != null) {
            keyScene.removeEventFilter(KeyEvent.KEY_PRESSED, keys);
        }
        keyScene = s;
        if (s != null) {
            s.addEventFilter(KeyEvent.KEY_PRESSED, keys);
        }
    }

    private void keys(KeyEvent e) {
        if (!e.isAltDown() || (e.getCode() != KeyCode.RIGHT && e.getCode() != KeyCode.LEFT)) {
            return;
        }
        boolean lessonOnScreen = onScreen.get() && view.lessonSelected();
        if (lessonOnScreen) {
            if (e.getCode() == KeyCode.RIGHT) {
                lessonView.primary();
            } else {
                lesson.back();
            }
            e.consume();
        } else if (strip.isVisible()) {
            strip.step(e.getCode() == KeyCode.RIGHT ? 1 : -1);
            e.consume();
        }
    }

    LessonViewModel lesson() {
        return lesson;
    }

    QuizViewModel quiz() {
        return quiz;
    }

    /** Shows one section: "lesson", "cards", "myths" or "quiz". */
    void section(String id) {
        view.select(id);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String titleKey() {
        return "page.study";
    }

    @Override
    public AppIcon icon() {
        return AppIcon.STUDY;
    }

    @Override
    public Node node() {
        return view;
    }

    @Override
    public void shown() {
        onScreen.set(true);
    }

    @Override
    public void hidden() {
        onScreen.set(false);
    }

    @Override
    public void dispose() {
        hidden();
        listenForKeys(null);
    }
}
