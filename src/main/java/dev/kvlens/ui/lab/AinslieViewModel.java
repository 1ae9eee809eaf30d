package dev.kvlens.ui.lab;

import dev.kvlens.lab.Experiments;
import dev.kvlens.lab.LabProbe;
import dev.kvlens.lab.PaperFigures;
import dev.kvlens.lab.Shape;
import dev.kvlens.lab.Timed;
import dev.kvlens.ui.common.Csv;
import dev.kvlens.ui.common.Messages;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;

/** Ainslie 2023 Figure 6 re-run: decode time against the number of KV heads (groups) for a chosen H. */
public final class AinslieViewModel extends MeasuredViewModel {

    public static final List<Integer> HEADS = List.of(8, 16, 32, 64);
    public static final int DEFAULT_HEADS = 64;

    private final IntegerProperty heads = new SimpleIntegerProperty(DEFAULT_HEADS);

    AinslieViewModel(LabRunner runner, LabProbe probe) {
        super(runner, probe);
        heads.addListener((o, a, b) -> inputsChanged());
        inputsChanged();
    }

    public IntegerProperty headsProperty() {
        return heads;
    }

    @Override
    protected List<Shape> makePlan() {
        return Experiments.ainslieShapes(heads.get(), 1);
    }

    @Override
    protected String taskName() {
        return Messages.get("lab.task.ainslie");
    }

    /** One measured group count: time and time / MHA time. */
    public record Row(int kvHeads, String variant, long bestNs, long medianNs, double ratioToMha, double bytesRatio) {
    }

    /** Measured rows so far (MHA first); ratios NaN until MHA is measured. */
    public List<Row> rows() {
        long mha = Experiments.bestOf(points(), Shape.Mode.DECODE, heads.get());
        List<Row> out = new ArrayList<>();
        for (Timed t : points()) {
            Shape s = t.shape();
            out.add(new Row(s.kvHeads(), s.variant(), t.bestNs(), t.medianNs(), mha > 0 ? t.bestNs() / (double) mha : Double.NaN,
                    s.kvHeads() / (double) s.heads()));
        }
        return out;
    }

    public List<PaperFigures.Point> paperPoints() {
        return PaperFigures.ainslieTable1();
    }

    public String csv() {
        if (points().isEmpty()) {
            return null;
        }
        Csv c = new Csv("source", "heads", "kv_heads", "head_dim", "context", "time_s", "median_s", "ratio_to_mha");
        for (PaperFigures.Point p : paperPoints()) {
            c.row("paper T5-XXL (" + PaperFigures.AINSLIE_CITATION + ")", PaperFigures.AINSLIE_XXL_HEADS, p.kvHeads(),
                    PaperFigures.AINSLIE_XXL_HEAD_DIM, "", p.seconds(), "", p.ratioToMha());
        }
        for (Row r : rows()) {
            c.row("measured (one attention layer decode step, this CPU)", heads.get(), r.kvHeads(),
                    PaperFigures.AINSLIE_XXL_HEAD_DIM, Experiments.AINSLIE_SEQ, r.bestNs() / 1e9, r.medianNs() / 1e9, r.ratioToMha());
        }
        return c.text();
    }
}
