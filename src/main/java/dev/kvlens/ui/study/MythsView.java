package dev.kvlens.ui.study;

import dev.kvlens.model.AttentionConfig;
import dev.kvlens.model.KvCacheMath;
import dev.kvlens.model.Units;
import dev.kvlens.ui.common.AppIcon;
import dev.kvlens.ui.common.ConfigModel;
import dev.kvlens.ui.common.Messages;
import dev.kvlens.ui.common.Styles;
import dev.kvlens.ui.study.StudyDecks.Myth;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The misconceptions deck: the claim, what is true, and the source, one at a time. */
final class MythsView extends ScrollPane {

    static final String CLAIM_ID = "mythClaim";
    static final String TRUTH_ID = "mythTruth";
    static final String SOURCE_ID = "mythSource";
    static final String NEXT_ID = "mythNext";

    MythsView(DeckViewModel<Myth> vm, ConfigModel config) {
        setFitToWidth(true);
        getStyleClass().add(Styles.PAGE);
        Label pos = Ui.label(Messages.bind(() -> Messages.get("myths.position", vm.indexProperty().get() + 1,
                vm.items().size()), vm.indexProperty()), Styles.MUTED);
        Label claim = Ui.label(Messages.bind(() -> Messages.get(vm.current().claimKey()), vm.currentBinding()),
                "study-question", "study-claim");
        claim.setId(CLAIM_ID);
        claim.setGraphic(AppIcon.WARNING.node());
        claim.setMaxWidth(Double.MAX_VALUE);
        Label truth = Ui.label(Messages.bind(() -> Messages.get(vm.current().truthKey(), liveArgs(config.get())),
                vm.currentBinding(), config.configProperty()), "study-body", "study-truth");
        truth.setId(TRUTH_ID);
        truth.setGraphic(AppIcon.CHECK.node());
        truth.setMinHeight(Region.USE_PREF_SIZE);
        truth.setMaxWidth(Double.MAX_VALUE);
        Label source = Ui.label(Messages.bind(() -> Messages.get("myths.sourceLine",
                Messages.get(vm.current().sourceKey())), vm.currentBinding()), "study-source");
        source.setId(SOURCE_ID);
        source.setGraphic(AppIcon.SOURCE.node());
        source.setMinHeight(Region.USE_PREF_SIZE);
        VBox card = new VBox(14, pos, Ui.label("myths.claim", Styles.CAPTION), claim,
                Ui.label("myths.truth", Styles.CAPTION), truth, source);
        card.getStyleClass().add("study-card");

        Button back = Ui.button("myths.back", AppIcon.STEP_BACK, "mythBack");
        back.setOnAction(e -> vm.back());
        Button next = Ui.button("myths.next", AppIcon.STEP_FORWARD, NEXT_ID);
        next.getStyleClass().add("accent");
        next.setOnAction(e -> vm.next());
        VBox box = new VBox(14, Ui.label("myths.title", Styles.SECTION_TITLE), Ui.label("myths.intro", Styles.MUTED),
                card, new HBox(10, back, next));
        box.setPadding(new Insets(18));
        box.setMaxWidth(980);
        setContent(box);
    }

    /**
     * Numbers some corrections quote from the current configuration: QK^T FLOPs of one decode step (the same
     * for MHA and the current KV heads), the current variant, and the K/V bytes read as MHA and as configured.
     */
    static Object[] liveArgs(AttentionConfig c) {
        try {
            return new Object[] {Units.count(KvCacheMath.decodeScoreFlops(c)), c.variantLabel(),
                Units.bytes(KvCacheMath.decodeKvBytesRead(c.asMha())), Units.bytes(KvCacheMath.decodeKvBytesRead(c))};
        } catch (RuntimeException tooLarge) {
            return new Object[] {"—", c.variantLabel(), "—", "—"};
        }
    }
}
