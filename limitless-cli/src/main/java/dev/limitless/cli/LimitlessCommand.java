package dev.limitless.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code limitless}: audit SQL against a shard catalog, turn schemas into Limitless DDL, mint IAM tokens and
 * install the local Limitless emulation. Exit codes: 0 ok, 1 findings, 2 usage or input error.
 */
@Command(name = "limitless", mixinStandardHelpOptions = true, versionProvider = LimitlessCommand.Version.class,
        description = "Tools for Amazon Aurora PostgreSQL Limitless Database.",
        subcommands = {AuditCommand.class, DdlCommand.class, IamTokenCommand.class, LocalInstallCommand.class,
                CommandLine.HelpCommand.class})
public final class LimitlessCommand {

    /** Findings (e.g. --fail-on) */
    public static final int EXIT_FINDINGS = 1;
    /** Usage or input error */
    public static final int EXIT_USAGE = 2;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (for tests). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new LimitlessCommand());
        commandLine.setExitCodeExceptionMapper(exception -> EXIT_USAGE);
        commandLine.setParameterExceptionHandler((exception, args) -> {
            CommandLine failed = exception.getCommandLine();
            failed.getErr().println("limitless: " + exception.getMessage());
            failed.getErr().println("Try 'limitless " + failed.getCommandName() + " --help'.");
            return EXIT_USAGE;
        });
        commandLine.setExecutionExceptionHandler((exception, failed, parseResult) -> {
            failed.getErr().println("limitless " + failed.getCommandName() + ": " + exception.getMessage());
            return EXIT_USAGE;
        });
        return commandLine;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = LimitlessCommand.class.getPackage().getImplementationVersion();
            return new String[] {"limitless " + (version == null ? "development build" : version)};
        }
    }
}
