package dev.pullback.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One CLI invocation's exit code and output. */
record CliResult(int code, String out, String err) {

    static CliResult run(CliRuntime runtime, String... args) {
        return withInput(runtime, "", args);
    }

    /** With {@code stdin} as standard input (a password piped in: no terminal in tests). */
    static CliResult withInput(CliRuntime runtime, String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, runtime, new java.io.ByteArrayInputStream(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliResult(code, out.toString(), err.toString());
    }
}
