package dev.kvlens.ui.lab;

import dev.kvlens.lab.Experiments;
import dev.kvlens.lab.LabProbe;
import dev.kvlens.lab.PaperFigures;
import dev.kvlens.lab.Shape;
import dev.kvlens.lab.Timed;
import dev.kvlens.ui.common.Csv;
import dev.kvlens.ui.common.Messages;
import java.util.List;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;

/** Shazeer 2019 Table 2 re-run: MHA vs MQA decode at h = 8, d = 128, length 128, with a chosen batch. */
public final class ShazeerViewModel extends MeasuredViewModel {

    public static final List<Integer> BATCHES = List.of(1, 8, 32, 128, 256, 512);
    public static final int DEFAULT_BATCH = 128;

    private final IntegerProperty batch = new SimpleIntegerProperty(DEFAULT_BATCH);

    ShazeerViewModel(LabRunner runner, LabProbe probe) {
        super(runner, probe);
        batch.addListener((o, a, b) -> inputsChanged());
        inputsChanged();
    }

    public IntegerProperty batchProperty() {
        return batch;
    }

    @Override
    protected List<Shape> makePlan() {
        return Experiments.shazeerShapes(batch.get());
    }

    @Override
    protected String taskName() {
        return Messages.get("lab.task.shazeer");
    }

    /** Our measured decode-step time per token (step time / batch), µs; NaN until measured. */
    public double microsPerToken(int kvHeads) {
        long ns = Experiments.bestOf(points(), Shape.Mode.DECODE, kvHeads);
        return ns > 0 ? ns / 1e3 / batch.get() : Double.NaN;
    }

    /** Our MHA / MQA time ratio; NaN until both are measured. */
    public double ourSpeedup() {
        double mha = microsPerToken(PaperFigures.SHAZEER_HEADS);
        double mqa = microsPerToken(1);
        return mha / mqa;
    }

    /** The paper's 46 / 3.8. */
    public double paperSpeedup() {
        return PaperFigures.shazeerSpeedup();
    }

    /** Ratio of K/V bytes read per step, MHA / MQA = h = 8 (formula). */
    public double bytesRatio() {
        return PaperFigures.SHAZEER_HEADS;
    }

    /** Our ratio as a share of the paper's. */
    public double ourOverPaper() {
        return ourSpeedup() / paperSpeedup();
    }

    public String csv() {
        if (points().isEmpty()) {
            return null;
        }
        Csv c = new Csv("source", "variant", "batch", "heads", "kv_heads", "head_dim", "context", "us_per_token", "median_us_per_token",
                "mha_over_mqa");
        c.row("paper (TPUv2 whole decoder, " + PaperFigures.SHAZEER_CITATION + ")", "MHA",
                PaperFigures.SHAZEER_BATCH, 8, 8, 128, 128, PaperFigures.SHAZEER_MHA_DECODER_US, "", paperSpeedup());
        c.row("paper (TPUv2 whole decoder, " + PaperFigures.SHAZEER_CITATION + ")", "MQA",
                PaperFigures.SHAZEER_BATCH, 8, 1, 128, 128, PaperFigures.SHAZEER_MQA_DECODER_US, "", paperSpeedup());
        for (Timed t : points()) {
            Shape s = t.shape();
            c.row("measured (one attention layer, this CPU)", s.variant(), s.batch(), s.heads(), s.kvHeads(),
                    s.headDim(), s.seq(), t.bestNs() / 1e3 / s.batch(), t.medianNs() / 1e3 / s.batch(),
                    ourSpeedup());
        }
        return c.text();
    }
}
