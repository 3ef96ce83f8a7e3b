package dev.pullback.cli;

import dev.pullback.InvalidInputException;
import java.io.PrintWriter;
import picocli.CommandLine;

/** {@code pullback <command>}: parses first, starts Spring only for a command that needs it. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code;
        try (CliRuntime runtime = new SpringRuntime()) {
            code = run(args, runtime, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        }
        System.exit(code);
    }

    public static int run(String[] args, CliRuntime runtime, PrintWriter out, PrintWriter err) {
        return run(args, runtime, System.in, out, err);
    }

    /** @param in what a command reads when no terminal is attached (a password piped in) */
    public static int run(String[] args, CliRuntime runtime, java.io.InputStream in, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new RootCommand(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                K instance = CommandLine.defaultFactory().create(cls);
                if (instance instanceof CliCommand c) {
                    c.runtime = runtime;
                    c.in = in;
                }
                return instance;
            }
        });
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof InvalidInputException) {
                commandLine.getErr().println("pullback: " + e.getMessage());
                return ExitCodes.USAGE;
            }
            commandLine.getErr().println("pullback: " + rootMessage(e));
            return ExitCodes.FAILURE;
        });
        return cli.execute(args);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            if (t.getCause() instanceof InvalidInputException) {
                return t.getCause().getMessage();
            }
            t = t.getCause();
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }
}
