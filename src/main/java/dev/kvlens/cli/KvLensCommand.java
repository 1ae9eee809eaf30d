package dev.kvlens.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The headless command line: {@code java -jar kvlens.jar COMMAND [options]}. */
@Command(name = "kvlens", mixinStandardHelpOptions = true, version = "KV Lens 0.1.0",
        description = "KV Lens: multi-head, grouped-query and multi-query attention, measured.%n"
                + "Without a command the desktop app opens.",
        subcommands = {PresetsCommand.class, CalcCommand.class, BenchCommand.class, VectorsCommand.class, CommandLine.HelpCommand.class})
public final class KvLensCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Names of the subcommands, so that {@code Main} can tell a command from window options. */
    public static List<String> commandNames() {
        return new CommandLine(new KvLensCommand()).getSubcommands().keySet().stream()
                .collect(Collectors.toList());
    }

    /** Runs the command line; returns the exit code (0 ok, 2 bad input, 1 failure). */
    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new KvLensCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(new CliErrors());
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("error: " + oneLine(ex.getMessage()) + " (see: kvlens "
                    + ex.getCommandLine().getCommandName() + " --help)");
            err.flush();
            return CliErrors.BAD_INPUT;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
