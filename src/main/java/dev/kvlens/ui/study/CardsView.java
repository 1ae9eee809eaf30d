package dev.kvlens.ui.study;

import dev.kvlens.ui.common.AppIcon;
import dev.kvlens.ui.common.Messages;
import dev.kvlens.ui.common.Styles;
import dev.kvlens.ui.study.StudyDecks.Card;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Concept cards: a question, "show the answer", and the follow-up tag. */
final class CardsView extends ScrollPane {

    static final String QUESTION_ID = "cardQuestion";
    static final String ANSWER_ID = "cardAnswer";
    static final String REVEAL_ID = "cardReveal";
    static final String NEXT_ID = "cardNext";

    CardsView(DeckViewModel<Card> vm) {
        setFitToWidth(true);
        getStyleClass().add(Styles.PAGE);
        Label tag = Ui.label("cards.followUp", "study-tag");
        Ui.visible(tag, Bindings.createBooleanBinding(() -> vm.current().followUp(), vm.currentBinding()));
        Label pos = Ui.label(Messages.bind(() -> Messages.get("cards.position", vm.indexProperty().get() + 1,
                vm.items().size()), vm.indexProperty()), Styles.MUTED);
        HBox head = new HBox(12, pos, tag);
        head.setAlignment(Pos.CENTER_LEFT);
        Label q = Ui.label(Messages.bind(() -> Messages.get(vm.current().questionKey()), vm.currentBinding()),
                "study-question");
        q.setId(QUESTION_ID);
        q.setGraphic(AppIcon.IDEA.node());
        Label a = Ui.label(Messages.bind(() -> Messages.get(vm.current().answerKey()), vm.currentBinding()),
                "study-body", "study-answer");
        a.setId(ANSWER_ID);
        a.setMinHeight(Region.USE_PREF_SIZE);
        a.setMaxWidth(Double.MAX_VALUE);
        Ui.visible(a, vm.revealedProperty());
        VBox card = new VBox(14, head, q, a);
        card.getStyleClass().add("study-card");

        Button back = Ui.button("cards.back", AppIcon.STEP_BACK, "cardBack");
        back.setOnAction(e -> vm.back());
        Button reveal = new Button();
        reveal.setId(REVEAL_ID);
        reveal.getStyleClass().add("accent");
        reveal.textProperty().bind(Messages.bind(() -> Messages.get(vm.revealedProperty().get() ? "cards.hide"
                : "cards.reveal"), vm.revealedProperty()));
        reveal.setOnAction(e -> vm.revealedProperty().set(!vm.revealedProperty().get()));
        Button next = Ui.button("cards.next", AppIcon.STEP_FORWARD, NEXT_ID);
        next.setOnAction(e -> vm.next());
        HBox buttons = new HBox(10, back, reveal, next);

        VBox box = new VBox(14, Ui.label("cards.title", Styles.SECTION_TITLE), Ui.label("cards.intro", Styles.MUTED),
                card, buttons);
        box.setPadding(new Insets(18));
        box.setMaxWidth(980);
        setContent(box);
    }
}
