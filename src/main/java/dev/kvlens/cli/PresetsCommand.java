package dev.kvlens.cli;

import dev.kvlens.model.ModelPreset;
import dev.kvlens.model.Presets;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code presets}: the bundled model shapes. */
@Command(name = "presets", mixinStandardHelpOptions = true,
        description = "List the bundled model presets (id, name, layers/heads/KV heads/head dim, variant).")
final class PresetsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-18s %-20s %6s %6s %6s %6s  %s%n", "id", "name", "L", "H", "KV", "d", "variant");
        for (ModelPreset p : Presets.all()) {
            out.printf("%-18s %-20s %6d %6d %6d %6d  %s%n", p.id(), p.name(), p.layers(), p.heads(),
                    p.kvHeads(), p.headDim(), p.variantLabel());
        }
        out.flush();
    }
}
