package dev.kvlens;

import dev.kvlens.cli.KvLensCommand;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Entry point of the jar and of {@code mvn javafx:run}. With no arguments, or only window options such as
 * {@code --lang zh}, it opens the app; with a command ({@code presets}, {@code calc}, {@code bench},
 * {@code vectors}) it runs headless.
 */
public final class Main {

    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final String RELAUNCHED = "kvlens.relaunched";

    private Main() {
    }

    public static void main(String[] args) {
        if (isCommand(args)) {
            int code = KvLensCommand.execute(args);
            System.exit(code);
        }
        relaunchWithVectorModuleIfNeeded(args);
        dev.kvlens.ui.shell.KvLensApp.launchApp(args);
    }

    /** True when the arguments name a headless command (or ask for the CLI's help/version). */
    static boolean isCommand(String[] args) {
        if (args.length == 0) {
            return false;
        }
        String first = args[0];
        return KvLensCommand.commandNames().contains(first)
                || Set.of("-h", "--help", "-V", "--version", "help").contains(first);
    }

    /**
     * {@code java -jar kvlens.jar} cannot add the incubating Vector API module from the manifest. Rather than
     * silently measuring the slower scalar kernel, the app starts itself once more with the module added.
     * Only done for the window: the CLI's {@code bench} relaunches itself the same way.
     */
    public static void relaunchWithVectorModuleIfNeeded(String[] args) {
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent() || Boolean.getBoolean(RELAUNCHED)) {
            return;
        }
        String javaHome = System.getProperty("java.home");
        String classPath = System.getProperty("java.class.path");
        if (javaHome == null || classPath == null || classPath.isBlank()) {
            return;
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(javaHome + File.separator + "bin" + File.separator + "java");
        cmd.add("--add-modules");
        cmd.add(VECTOR_MODULE);
        cmd.add("-D" + RELAUNCHED + "=true");
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).inheritIO().start();
            System.exit(p.waitFor());
        } catch (Exception e) {
            System.err.println("note: could not restart with the Vector API (" + e.getMessage()
                    + "); continuing with the scalar kernel");
        }
    }
}
