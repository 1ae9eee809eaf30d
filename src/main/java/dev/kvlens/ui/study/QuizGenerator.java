package dev.kvlens.ui.study;

import dev.kvlens.model.AttentionConfig;
import dev.kvlens.model.KvCacheMath;
import dev.kvlens.model.KvDtype;
import dev.kvlens.model.ModelPreset;
import dev.kvlens.model.Presets;
import dev.kvlens.model.Units;
import dev.kvlens.ui.study.Question.Choice;
import dev.kvlens.ui.study.Question.Kind;
import dev.kvlens.ui.study.Question.Unit;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Makes quiz questions from the bundled presets and from random shapes. Every answer is computed by
 * {@link KvCacheMath} from the {@link AttentionConfig} the question describes; the wrong options of a
 * multiple-choice question are the results of classic slips (forgetting the factor 2 for K and V, using
 * query heads instead of KV heads, bits for bytes, …), so a wrong pick can say which slip it was.
 */
public final class QuizGenerator {

    private static final int[] TOKENS = {512, 1024, 2048, 4096, 8192, 32768};
    private static final int[] BATCHES = {1, 1, 2, 4, 8, 16, 32};
    private static final KvDtype[] DTYPES = {KvDtype.FP16, KvDtype.FP16, KvDtype.BF16, KvDtype.FP32, KvDtype.FP8,
        KvDtype.INT8, KvDtype.INT4};
    private static final int[] HEADS = {8, 12, 16, 24, 32, 40, 48, 64, 96, 128};
    private static final int[] HEAD_DIMS = {64, 80, 96, 128, 256};
    private static final int[] BUDGETS_GIB = {8, 16, 24, 40, 80};

    private final Random random;

    public QuizGenerator(long seed) {
        random = new Random(seed);
    }

    /** A question of a random kind, asked as multiple choice or for a typed answer. */
    public Question next() {
        Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
        return next(kind, random.nextBoolean());
    }

    /** A question of this kind; {@code multipleChoice} is ignored for kinds that only exist as one form. */
    public Question next(Kind kind, boolean multipleChoice) {
        return switch (kind) {
            case TOTAL_CACHE -> totalCache(multipleChoice);
            case PER_TOKEN -> perToken(multipleChoice);
            case RATIO_TO_MHA -> ratioToMha(multipleChoice);
            case TOKENS_THAT_FIT -> tokensThatFit();
            case DECODE_BYTES_READ -> decodeBytesRead(multipleChoice);
            case SCORE_FLOPS -> scoreFlops();
            case VARIANT -> variant();
        };
    }

    // ---- question kinds ----

    private Question totalCache(boolean mc) {
        ModelPreset p = preset(false);
        AttentionConfig c = p.toConfig(pick(BATCHES), pick(TOKENS), pick(DTYPES));
        long bytes = KvCacheMath.totalBytes(c);
        List<Object> prompt = List.of(p.name(), c.dtype().id(), Units.count(c.seqLen()), c.batch());
        Map<Double, String> slips = new LinkedHashMap<>();
        slips.put(bytes / 2.0, "quiz.slip.noTwo");
        if (c.heads() != c.kvHeads()) {
            slips.put(bytes * (double) c.heads() / c.kvHeads(), "quiz.slip.queryHeads");
        }
        slips.put(bytes / (double) c.layers(), "quiz.slip.oneLayer");
        if (c.batch() > 1) {
            slips.put(bytes / (double) c.batch(), "quiz.slip.noBatch");
        }
        slips.put(bytes * 8.0, "quiz.slip.bits");
        return new Question(Kind.TOTAL_CACHE, "quiz.q.total", prompt, Unit.BYTES, bytes,
                mc ? byteChoices(bytes, slips) : List.of(), "quiz.s.total",
                List.of(c.layers(), c.kvHeads(), c.headDim(), bytesPerElement(c.dtype()), c.dtype().id(),
                        Units.count(c.seqLen()), c.batch(), Units.count(bytes), Units.bytes(bytes),
                        Units.bytes(KvCacheMath.bytesPerToken(c))));
    }

    private Question perToken(boolean mc) {
        ModelPreset p = preset(false);
        AttentionConfig c = p.toConfig(1, 4096, pick(DTYPES));
        long bytes = KvCacheMath.bytesPerToken(c);
        Map<Double, String> slips = new LinkedHashMap<>();
        slips.put(bytes / 2.0, "quiz.slip.noTwo");
        if (c.heads() != c.kvHeads()) {
            slips.put(bytes * (double) c.heads() / c.kvHeads(), "quiz.slip.queryHeads");
        }
        slips.put(bytes / (double) c.layers(), "quiz.slip.oneLayer");
        slips.put(bytes * 8.0, "quiz.slip.bits");
        return new Question(Kind.PER_TOKEN, "quiz.q.perToken", List.of(p.name(), c.dtype().id()), Unit.BYTES, bytes,
                mc ? byteChoices(bytes, slips) : List.of(), "quiz.s.perToken",
                List.of(c.layers(), c.kvHeads(), c.headDim(), bytesPerElement(c.dtype()), c.dtype().id(),
                        Units.count(bytes), Units.bytes(bytes)));
    }

    private Question ratioToMha(boolean mc) {
        ModelPreset p = preset(true);
        AttentionConfig c = p.toConfig(1, 4096, KvDtype.FP16);
        double ratio = KvCacheMath.ratioToMha(c);
        List<Choice> choices = List.of();
        if (mc) {
            Map<Double, String> slips = new LinkedHashMap<>();
            slips.put((double) c.kvHeads(), "quiz.slip.kvCount");
            slips.put((double) c.heads(), "quiz.slip.headCount");
            slips.put(2 * ratio, "quiz.slip.doubleCount");
            slips.put(ratio / 2, "quiz.slip.halfCount");
            choices = numberChoices(ratio, slips, "quiz.choice.ratio");
        }
        AttentionConfig mha = c.asMha();
        return new Question(Kind.RATIO_TO_MHA, "quiz.q.ratio", List.of(p.name(), c.heads(), c.kvHeads()), Unit.RATIO,
                ratio, choices, "quiz.s.ratio",
                List.of(c.heads(), c.kvHeads(), plain(ratio), Units.bytes(KvCacheMath.bytesPerToken(mha)),
                        Units.bytes(KvCacheMath.bytesPerToken(c))));
    }

    private Question tokensThatFit() {
        ModelPreset p = preset(false);
        int budgetGib = pick(BUDGETS_GIB);
        AttentionConfig c = p.toConfig(pick(BATCHES), 4096, pick(DTYPES));
        long budget = budgetGib * (1L << 30);
        long tokens = KvCacheMath.tokensThatFit(c, budget);
        long perToken = KvCacheMath.bytesPerToken(c);
        return new Question(Kind.TOKENS_THAT_FIT, "quiz.q.fit",
                List.of(p.name(), c.dtype().id(), c.batch(), budgetGib), Unit.TOKENS, tokens, List.of(), "quiz.s.fit",
                List.of(budgetGib, Units.count(budget), Units.count(perToken), Units.bytes(perToken), c.batch(),
                        Units.count(tokens)));
    }

    private Question decodeBytesRead(boolean mc) {
        AttentionConfig c = randomShape();
        long bytes = KvCacheMath.decodeKvBytesRead(c);
        Map<Double, String> slips = new LinkedHashMap<>();
        slips.put(bytes / 2.0, "quiz.slip.noTwo");
        if (c.heads() != c.kvHeads()) {
            slips.put(bytes * (double) c.heads() / c.kvHeads(), "quiz.slip.queryHeads");
        }
        slips.put(bytes * 8.0, "quiz.slip.bits");
        slips.put(bytes * (double) c.layers(), "quiz.slip.allLayers");
        return new Question(Kind.DECODE_BYTES_READ, "quiz.q.decodeRead",
                List.of(c.heads(), c.kvHeads(), c.headDim(), c.dtype().id(), Units.count(c.seqLen())), Unit.BYTES,
                bytes, mc ? byteChoices(bytes, slips) : List.of(), "quiz.s.decodeRead",
                List.of(c.kvHeads(), Units.count(c.seqLen()), c.headDim(), bytesPerElement(c.dtype()), c.dtype().id(),
                        Units.count(bytes), Units.bytes(bytes)));
    }

    private Question scoreFlops() {
        AttentionConfig c = randomShape();
        while (c.kvHeads() == c.heads()) {
            c = randomShape();
        }
        AttentionConfig mha = c.asMha();
        long flops = KvCacheMath.decodeScoreFlops(c);
        long mhaFlops = KvCacheMath.decodeScoreFlops(mha);
        double ratio = KvCacheMath.ratioToMha(c);
        String r = plain(ratio);
        // the answer is read off the formulas: equal FLOPs means "unchanged"
        boolean unchanged = flops == mhaFlops;
        List<Choice> choices = new ArrayList<>(List.of(
                new Choice("quiz.choice.flopsSame", List.of(), Double.NaN, unchanged, unchanged ? null
                        : "quiz.slip.flopsSame"),
                new Choice("quiz.choice.flopsDivided", List.of(r), Double.NaN, !unchanged && flops * ratio == mhaFlops,
                        "quiz.slip.flopsDivided"),
                new Choice("quiz.choice.flopsTimes", List.of(r), Double.NaN, false, "quiz.slip.flopsTimes"),
                new Choice("quiz.choice.flopsHalf", List.of(), Double.NaN, false, "quiz.slip.flopsHalf")));
        Collections.shuffle(choices, random);
        return new Question(Kind.SCORE_FLOPS, "quiz.q.scoreFlops",
                List.of(c.heads(), c.variantLabel(), c.kvHeads(), c.headDim(), Units.count(c.seqLen())), Unit.CHOICE,
                Double.NaN, choices, "quiz.s.scoreFlops",
                List.of(c.heads(), Units.count(c.seqLen()), c.headDim(), Units.count(flops),
                        Units.bytes(KvCacheMath.decodeKvBytesRead(mha)), Units.bytes(KvCacheMath.decodeKvBytesRead(c)),
                        r));
    }

    private Question variant() {
        AttentionConfig c = randomShape();
        int roll = random.nextInt(4);
        if (roll == 0) {
            c = c.asMha();
        } else if (roll == 1) {
            c = c.asMqa();
        }
        String correct = c.variantLabel();
        List<String> labels = new ArrayList<>();
        labels.add(correct);
        for (String l : List.of("MHA", "MQA", "GQA-" + c.kvHeads(), "GQA-" + c.heads() / c.kvHeads(),
                "GQA-" + Math.max(2, c.kvHeads() / 2), "GQA-" + c.kvHeads() * 2)) {
            if (!labels.contains(l) && labels.size() < 4) {
                labels.add(l);
            }
        }
        List<Choice> choices = new ArrayList<>();
        for (String l : labels) {
            choices.add(new Choice("quiz.choice.text", List.of(l), Double.NaN, l.equals(correct),
                    l.equals(correct) ? null : "quiz.slip.variant"));
        }
        Collections.shuffle(choices, random);
        return new Question(Kind.VARIANT, "quiz.q.variant", List.of(c.heads(), c.kvHeads()), Unit.CHOICE, Double.NaN,
                choices, "quiz.s.variant", List.of(c.heads(), c.kvHeads(), c.headsPerGroup(), correct));
    }

    // ---- helpers ----

    private List<Choice> byteChoices(long correct, Map<Double, String> slips) {
        return numberChoices(correct, slips, "quiz.choice.bytes");
    }

    /** The correct value and three slips (all different when shown), shuffled. */
    private List<Choice> numberChoices(double correct, Map<Double, String> slips, String labelKey) {
        List<Choice> out = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        out.add(choice(labelKey, correct, true, null, shown));
        List<Map.Entry<Double, String>> entries = new ArrayList<>(slips.entrySet());
        Collections.shuffle(entries, random);
        for (Map.Entry<Double, String> e : entries) {
            if (out.size() == 4) {
                break;
            }
            Choice ch = choice(labelKey, e.getKey(), false, e.getValue(), shown);
            if (ch != null) {
                out.add(ch);
            }
        }
        double[] fallback = {4, 0.25, 16, 1.0 / 16, 3, 1.0 / 3};
        for (int i = 0; out.size() < 4 && i < fallback.length; i++) {
            Choice ch = choice(labelKey, correct * fallback[i], false, "quiz.slip.guess", shown);
            if (ch != null) {
                out.add(ch);
            }
        }
        Collections.shuffle(out, random);
        return out;
    }

    private static Choice choice(String labelKey, double value, boolean correct, String slip, List<String> shown) {
        String text = labelKey.equals("quiz.choice.bytes") ? Units.bytes(value) : plain(value);
        if (shown.contains(text) || value <= 0) {
            return null;
        }
        shown.add(text);
        return new Choice(labelKey, List.of(text), value, correct, slip);
    }

    private ModelPreset preset(boolean sharedOnly) {
        List<ModelPreset> all = Presets.all().stream().filter(p -> !sharedOnly || p.kvHeads() < p.heads()).toList();
        return all.get(random.nextInt(all.size()));
    }

    private AttentionConfig randomShape() {
        int h = pick(HEADS);
        List<Integer> divisors = AttentionConfig.divisors(h);
        int kv = divisors.get(random.nextInt(divisors.size()));
        int d = pick(HEAD_DIMS);
        int layers = 8 * (1 + random.nextInt(10));
        return AttentionConfig.of(h, kv, d, layers, 1, pick(TOKENS), pick(DTYPES));
    }

    private int pick(int[] values) {
        return values[random.nextInt(values.length)];
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    /** Bytes per element as written in a formula: "2", "1", "0.5". */
    static String bytesPerElement(KvDtype d) {
        return plain(d.bytesPerElement());
    }

    /** 8.0 → "8", 2.5 → "2.5", 1/3 → "0.333". */
    static String plain(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return new BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }
}
