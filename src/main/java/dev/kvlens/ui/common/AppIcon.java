package dev.kvlens.ui.common;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignB;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignG;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;
import org.kordamp.ikonli.materialdesign2.MaterialDesignW;

/** Every icon the app uses, in one place (Material Design 2 glyphs through Ikonli). */
public enum AppIcon {
    CALCULATOR(MaterialDesignC.CALCULATOR_VARIANT_OUTLINE),
    DIAGRAM(MaterialDesignG.GRAPH_OUTLINE),
    CACHE(MaterialDesignM.MEMORY),
    CHART(MaterialDesignC.CHART_LINE),
    STUDY(MaterialDesignS.SCHOOL_OUTLINE),
    LAB(MaterialDesignF.FLASK_OUTLINE),
    PLAY(MaterialDesignP.PLAY),
    PAUSE(MaterialDesignP.PAUSE),
    STEP_FORWARD(MaterialDesignS.SKIP_NEXT),
    STEP_BACK(MaterialDesignS.SKIP_PREVIOUS),
    RESET(MaterialDesignR.RESTORE),
    CANCEL(MaterialDesignC.CLOSE_CIRCLE_OUTLINE),
    EXPORT(MaterialDesignE.EXPORT_VARIANT),
    OPEN(MaterialDesignF.FOLDER_OPEN_OUTLINE),
    SAVE(MaterialDesignC.CONTENT_SAVE_OUTLINE),
    THEME(MaterialDesignT.THEME_LIGHT_DARK),
    LANGUAGE(MaterialDesignT.TRANSLATE),
    PRESENT(MaterialDesignP.PRESENTATION),
    HELP(MaterialDesignH.HELP_CIRCLE_OUTLINE),
    INFO(MaterialDesignI.INFORMATION_OUTLINE),
    WARNING(MaterialDesignA.ALERT_OUTLINE),
    HEADS(MaterialDesignA.ACCOUNT_MULTIPLE_OUTLINE),
    LAYERS(MaterialDesignL.LAYERS_OUTLINE),
    SEQUENCE(MaterialDesignF.FORMAT_LIST_NUMBERED),
    TIMER(MaterialDesignT.TIMER_OUTLINE),
    MACHINE(MaterialDesignC.CHIP),
    QUIZ(MaterialDesignH.HELP_RHOMBUS_OUTLINE),
    WEIGHT(MaterialDesignW.WEIGHT),
    ZOOM_IN(MaterialDesignM.MAGNIFY_PLUS_OUTLINE),
    ZOOM_OUT(MaterialDesignM.MAGNIFY_MINUS_OUTLINE),
    CHECK(MaterialDesignC.CHECK_CIRCLE_OUTLINE),
    IDEA(MaterialDesignL.LIGHTBULB_ON_OUTLINE),
    LESSON(MaterialDesignB.BOOK_OPEN_PAGE_VARIANT_OUTLINE),
    SOURCE(MaterialDesignB.BOOKMARK_OUTLINE),
    SLIDERS(MaterialDesignT.TUNE_VARIANT),
    GO_TO(MaterialDesignA.ARROW_RIGHT_CIRCLE_OUTLINE);

    private final Ikon ikon;

    AppIcon(Ikon ikon) {
        this.ikon = ikon;
    }

    public Ikon ikon() {
        return ikon;
    }

    /** A new icon node; its colour comes from CSS ({@code .ikonli-font-icon}). */
    public FontIcon node() {
        FontIcon f = new FontIcon(ikon);
        f.getStyleClass().add("app-icon");
        return f;
    }
}
