package dev.pullback.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Base of every subcommand: the runtime for services and the command line's own writers. */
abstract class CliCommand implements Callable<Integer> {
    CliRuntime runtime;
    /** Standard input (a password piped in); tests give their own. */
    java.io.InputStream in = System.in;

    @Spec
    CommandSpec spec;

    <T> T service(Class<T> type) {
        return runtime.service(type);
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
