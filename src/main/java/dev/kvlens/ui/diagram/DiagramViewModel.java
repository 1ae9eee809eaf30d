package dev.kvlens.ui.diagram;

import dev.kvlens.model.AttentionConfig;
import dev.kvlens.model.KvCacheMath;
import dev.kvlens.model.Units;
import dev.kvlens.ui.common.ConfigModel;
import dev.kvlens.ui.common.Messages;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleIntegerProperty;

/**
 * State of the head-sharing diagram, without any node: where every K/V block is (in "head units", so the view
 * only scales), which group every head belongs to, and the morph between the previous and the current
 * KV-head count.
 *
 * <p>Every query head {@code h} owns the extent of the K/V block it reads. Heads of one group share an
 * extent, so drawing one rectangle per head gives one block per group; when the KV count changes, each
 * head's extent slides from its old block to its new one, so blocks visibly merge (fewer KV heads) or split
 * (more). A change while a morph is running starts from what is on screen now (the running morph is
 * retargeted, never queued), so a fast slider drag never plays stale animations.
 */
public final class DiagramViewModel {

    /** Length of a morph in milliseconds. */
    public static final double MORPH_MILLIS = 320;
    /** Space left free at each side of a block, in head units (clamped for narrow blocks). */
    static final double INSET = 0.1;

    private final ConfigModel model;
    private int heads;
    private int kvHeads;
    private double[] fromLeft;
    private double[] fromRight;
    private double[] toLeft;
    private double[] toRight;
    private int[] fromGroup;
    private double progress = 1;
    private final ReadOnlyIntegerWrapper revision = new ReadOnlyIntegerWrapper();
    private final IntegerProperty hoveredGroup = new SimpleIntegerProperty(-1);

    public DiagramViewModel(ConfigModel model) {
        this.model = model;
        AttentionConfig c = model.get();
        snap(c.heads(), c.kvHeads());
        model.configProperty().addListener((o, a, b) -> retarget(b));
    }

    public ConfigModel model() {
        return model;
    }

    public AttentionConfig config() {
        return model.get();
    }

    public int heads() {
        return heads;
    }

    public int kvHeads() {
        return kvHeads;
    }

    /** Increases on every change the view must draw (a new target or a new shape). */
    public ReadOnlyIntegerProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    /** The group under the mouse, or -1. */
    public IntegerProperty hoveredGroupProperty() {
        return hoveredGroup;
    }

    /** Follows a new config: a KV change morphs from the picture on screen; an H change redraws at once. */
    void retarget(AttentionConfig c) {
        if (c.heads() != heads) {
            snap(c.heads(), c.kvHeads());
        } else if (c.kvHeads() != kvHeads) {
            double[] l = new double[heads];
            double[] r = new double[heads];
            int[] g = new int[heads];
            for (int h = 0; h < heads; h++) {
                l[h] = left(h);
                r[h] = right(h);
                g[h] = groupOf(h);
            }
            fromLeft = l;
            fromRight = r;
            fromGroup = g;
            kvHeads = c.kvHeads();
            toLeft = new double[heads];
            toRight = new double[heads];
            fill(toLeft, toRight, heads, kvHeads);
            progress = 0;
            hoveredGroup.set(-1);
        }
        revision.set(revision.get() + 1);
    }

    private void snap(int h, int kv) {
        heads = h;
        kvHeads = kv;
        toLeft = new double[h];
        toRight = new double[h];
        fill(toLeft, toRight, h, kv);
        fromLeft = toLeft.clone();
        fromRight = toRight.clone();
        fromGroup = new int[h];
        for (int i = 0; i < h; i++) {
            fromGroup[i] = i / (h / kv);
        }
        progress = 1;
        hoveredGroup.set(-1);
    }

    private static void fill(double[] left, double[] right, int h, int kv) {
        int per = h / kv;
        for (int i = 0; i < h; i++) {
            int g = i / per;
            left[i] = g * per + INSET;
            right[i] = (g + 1) * per - INSET;
        }
    }

    /** Morph progress in [0, 1]; 1 = at rest. */
    public double progress() {
        return progress;
    }

    public boolean morphing() {
        return progress < 1;
    }

    /** Sets the morph's linear progress (the view's timer drives it). */
    public void setProgress(double p) {
        progress = Math.max(0, Math.min(1, p));
    }

    /** Progress after {@code elapsedMillis} of a morph. */
    public static double progressAt(double elapsedMillis) {
        return Math.max(0, Math.min(1, elapsedMillis / MORPH_MILLIS));
    }

    private double eased() {
        double t = progress;
        return t < 0.5 ? 4 * t * t * t : 1 - Math.pow(-2 * t + 2, 3) / 2;
    }

    /** Left edge (head units, 0..H) of the K/V block query head {@code h} reads, as drawn now. */
    public double left(int h) {
        if (progress >= 1) {
            return toLeft[h];
        }
        double e = eased();
        return fromLeft[h] + (toLeft[h] - fromLeft[h]) * e;
    }

    /** Right edge of the K/V block query head {@code h} reads, as drawn now. */
    public double right(int h) {
        if (progress >= 1) {
            return toRight[h];
        }
        double e = eased();
        return fromRight[h] + (toRight[h] - fromRight[h]) * e;
    }

    /** Centre of that block, where the head's line ends. */
    public double centre(int h) {
        return (left(h) + right(h)) / 2;
    }

    /** Left edge of query head {@code h}'s own block. */
    public double queryLeft(int h) {
        return h + INSET;
    }

    public double queryRight(int h) {
        return h + 1 - INSET;
    }

    /** The group (= K/V head) of query head {@code h} as coloured now: the new one after half the morph. */
    public int groupOf(int h) {
        return progress < 0.5 ? fromGroup[h] : h / (heads / kvHeads);
    }

    /** The K/V head query head {@code h} reads in the current config (the morph's target). */
    public int targetGroupOf(int h) {
        return h / (heads / kvHeads);
    }

    /** The first query head of group {@code g} in the current config. */
    public int firstHeadOf(int g) {
        return g * (heads / kvHeads);
    }

    /**
     * Label every {@code stride}-th block so labels of {@code labelWidth} pixels never overlap when a block
     * is {@code blockWidth} pixels wide: 1, 2, 4, 8 …
     */
    public static int labelStride(double blockWidth, double labelWidth) {
        int s = 1;
        while (s < 1 << 20 && blockWidth * s < labelWidth) {
            s *= 2;
        }
        return s;
    }

    /** "GQA-8 · 32 query heads · 8 KV heads · 4 query heads per KV head". */
    public String caption() {
        AttentionConfig c = config();
        return Messages.get("diagram.caption", c.variantLabel(), c.heads(), c.kvHeads(), c.headsPerGroup());
    }

    /** The per-token cache of one layer, worked, against MHA. */
    public String detail() {
        AttentionConfig c = config();
        String b = bytesPerElement(c);
        long perLayer = KvCacheMath.bytesPerTokenPerLayer(c);
        long mha = KvCacheMath.bytesPerTokenPerLayer(c.asMha());
        return Messages.get("diagram.detail", c.kvHeads(), c.headDim(), b, Units.bytes(perLayer),
                Units.bytes(mha), c.heads() / c.kvHeads());
    }

    /** Tooltip of query head {@code h}. */
    public String queryTooltip(int h) {
        AttentionConfig c = config();
        int g = targetGroupOf(h);
        long kv = kvHeadBytesPerToken(c);
        return Messages.get("diagram.tip.query", h, g, c.headsPerGroup(), Units.bytes(kv),
                Units.bytes(kv * c.layers()), c.layers(), Units.bytes((double) kv / c.headsPerGroup()));
    }

    /** Tooltip of K/V head {@code g}. */
    public String kvTooltip(int g) {
        AttentionConfig c = config();
        int first = firstHeadOf(g);
        int last = first + c.headsPerGroup() - 1;
        long one = c.dtype().bytesFor(c.headDim());
        String heads = first == last ? String.valueOf(first) : first + "–" + last;
        return Messages.get("diagram.tip.kv", g, heads, c.headsPerGroup(), Units.bytes(one), Units.bytes(one),
                Units.bytes(kvHeadBytesPerToken(c)));
    }

    /** K and V of one KV head for one token in one layer: 2 × d × bytes. */
    static long kvHeadBytesPerToken(AttentionConfig c) {
        return c.dtype().bytesFor(2L * c.headDim());
    }

    static String bytesPerElement(AttentionConfig c) {
        double b = c.dtype().bytesPerElement();
        return b == Math.rint(b) ? String.valueOf((long) b) : String.valueOf(b);
    }

    static String formatRatio(double r) {
        return r == Math.rint(r) ? String.valueOf((long) r) : String.format(java.util.Locale.ROOT, "%.2f", r);
    }
}
