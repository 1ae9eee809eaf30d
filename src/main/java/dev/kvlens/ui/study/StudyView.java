package dev.kvlens.ui.study;

import dev.kvlens.ui.common.AppIcon;
import dev.kvlens.ui.common.AppPreferences;
import dev.kvlens.ui.common.Messages;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;

/** The study page: Lesson, Concept cards, Misconceptions and Quiz as sub-tabs (the last one used is kept). */
final class StudyView extends BorderPane {

    static final String SECTIONS_ID = "studySections";
    static final String SECTION_KEY = "study.section";

    private final TabPane sections = new TabPane();

    StudyView(AppPreferences prefs, LessonView lesson, CardsView cards, MythsView myths, QuizView quiz) {
        getStylesheets().add(StudyView.class.getResource(Ui.CSS).toExternalForm());
        sections.setId(SECTIONS_ID);
        sections.getStyleClass().add(atlantafx.base.theme.Styles.TABS_FLOATING);
        sections.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        sections.getTabs().addAll(tab("lesson", "study.tab.lesson", AppIcon.LESSON, lesson),
                tab("cards", "study.tab.cards", AppIcon.IDEA, cards),
                tab("myths", "study.tab.myths", AppIcon.WARNING, myths),
                tab("quiz", "study.tab.quiz", AppIcon.QUIZ, quiz));
        sections.getSelectionModel().select(prefs.integer(SECTION_KEY, 0, 0, sections.getTabs().size() - 1));
        sections.getSelectionModel().selectedIndexProperty().addListener((o, a, i) -> {
            prefs.setInteger(SECTION_KEY, i.intValue());
        });
        setCenter(sections);
    }

    private static Tab tab(String id, String key, AppIcon icon, Node content) {
        Tab t = new Tab();
        t.setId("study-" + id);
        t.textProperty().bind(Messages.bind(key));
        t.setGraphic(icon.node());
        t.setContent(content);
        return t;
    }

    void select(String id) {
        for (Tab t : sections.getTabs()) {
            if (t.getId().equals("study-" + id)) {
                sections.getSelectionModel().select(t);
            }
        }
    }

    boolean lessonSelected() {
        Tab t = sections.getSelectionModel().getSelectedItem();
        return t != null && "study-lesson".equals(t.getId());
    }
}
