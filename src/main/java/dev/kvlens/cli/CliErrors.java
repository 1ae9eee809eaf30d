package dev.kvlens.cli;

import dev.kvlens.model.ConfigException;
import picocli.CommandLine;

/** Turns exceptions from commands into one clear line and an exit code; never a stack trace. */
public final class CliErrors implements CommandLine.IExecutionExceptionHandler {

    /** Exit code for input the user can fix. */
    public static final int BAD_INPUT = 2;
    /** Exit code for a failure that is not the input's fault (I/O error, out of memory). */
    public static final int FAILURE = 1;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        Throwable t = ex;
        if (t instanceof IllegalArgumentException || t instanceof ConfigException) {
            cl.getErr().println("error: " + KvLensCommand.oneLine(t.getMessage()));
            cl.getErr().flush();
            return BAD_INPUT;
        }
        String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        cl.getErr().println("error: " + KvLensCommand.oneLine(msg));
        cl.getErr().flush();
        return FAILURE;
    }
}
