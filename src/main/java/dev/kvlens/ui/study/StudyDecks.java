package dev.kvlens.ui.study;

import java.util.List;

/**
 * The contents of the two decks. Each entry is an id whose texts live in the study bundle:
 * concept cards {@code card.ID.q} / {@code card.ID.a} (follow-ups have {@code followUp} set), misconceptions
 * {@code myth.ID.claim} / {@code myth.ID.truth} / {@code myth.ID.source}.
 */
public final class StudyDecks {

    /** A concept card; {@code followUp} marks the questions interviewers ask after the first answer. */
    public record Card(String id, boolean followUp) {
        public String questionKey() {
            return "card." + id + ".q";
        }

        public String answerKey() {
            return "card." + id + ".a";
        }
    }

    /** A popular but wrong claim, its correction and where to check it. */
    public record Myth(String id) {
        public String claimKey() {
            return "myth." + id + ".claim";
        }

        public String truthKey() {
            return "myth." + id + ".truth";
        }

        public String sourceKey() {
            return "myth." + id + ".source";
        }
    }

    public static final List<Card> CARDS = List.of(
            new Card("kvcache", false),
            new Card("formula", false),
            new Card("variants", false),
            new Card("whyDecode", true),
            new Card("prefill", true),
            new Card("groups", true),
            new Card("quality", true),
            new Card("flops", true),
            new Card("params", true),
            new Card("tensorParallel", true),
            new Card("models", false),
            new Card("beyond", true));

    public static final List<Myth> MYTHS = List.of(
            new Myth("gpt4"),
            new Myth("llama2"),
            new Myth("palme"),
            new Myth("qkflops"),
            new Myth("mask"),
            new Myth("transpose"),
            new Myth("hidden"),
            new Myth("params"));

    private StudyDecks() {
    }
}
