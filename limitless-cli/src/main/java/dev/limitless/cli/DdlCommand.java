package dev.limitless.cli;

import dev.limitless.catalog.CatalogException;
import dev.limitless.catalog.CatalogFile;
import dev.limitless.catalog.ShardCatalog;
import dev.limitless.ddl.DdlInputException;
import dev.limitless.ddl.LimitlessDdl;
import dev.limitless.ddl.LimitlessDdl.Style;
import dev.limitless.ddl.LimitlessDdl.Translation;
import dev.limitless.ddl.Violation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code limitless ddl}: turns a plain PostgreSQL schema into a Limitless-ready script, or lists every rule it breaks. */
@Command(name = "ddl", mixinStandardHelpOptions = true,
        description = {"Turns a plain PostgreSQL schema into Aurora Limitless DDL: sharded and reference tables (from the",
                "catalog) are created in SET LOCAL blocks, their foreign keys added afterwards; everything else is kept",
                "as written. Exits 1 listing every broken rule (file:line), 2 on unreadable input."})
final class DdlCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--catalog", required = true, paramLabel = "FILE", description = "Catalog file (YAML) naming sharded and reference tables")
    Path catalog;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "Schema script (plain PostgreSQL DDL), or - for standard input")
    String input;

    @Option(names = "--default-schema", paramLabel = "SCHEMA", defaultValue = "public", description = "Schema of unqualified names (default ${DEFAULT-VALUE})")
    String defaultSchema;

    @Option(names = "--style", paramLabel = "STYLE", defaultValue = "transaction-blocks",
            description = {"transaction-blocks (default): BEGIN; SET LOCAL ...; CREATE TABLE ...; COMMIT; per table.",
                    "inside-transaction: no BEGIN/COMMIT, settings reset TO DEFAULT after each table; for a runner that",
                    "wraps the script in one transaction (a Flyway SQL migration)."})
    String style;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the script here instead of standard output")
    Path output;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Style chosen;
        try {
            chosen = Style.valueOf(style.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            err.println("limitless ddl: --style must be transaction-blocks or inside-transaction, got " + style);
            return LimitlessCommand.EXIT_USAGE;
        }
        try {
            ShardCatalog shardCatalog = CatalogFile.load(catalog, defaultSchema);
            String sourceName = "-".equals(input) ? "<stdin>" : input;
            String schema = "-".equals(input) ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(Path.of(input), StandardCharsets.UTF_8);
            Translation translation = LimitlessDdl.translate(schema, sourceName, shardCatalog, chosen);
            for (Violation violation : translation.violations()) {
                err.println(violation);
            }
            if (translation.hasErrors()) {
                long errors = translation.violations().stream().filter(violation -> !violation.warning()).count();
                err.println("limitless ddl: " + errors + " rule(s) broken; Aurora Limitless would refuse this schema. No script written.");
                return LimitlessCommand.EXIT_FINDINGS;
            }
            if (output != null) {
                Files.writeString(output, translation.script(), StandardCharsets.UTF_8);
            } else {
                spec.commandLine().getOut().print(translation.script());
                spec.commandLine().getOut().flush();
            }
            return 0;
        } catch (CatalogException | DdlInputException e) {
            err.println("limitless ddl: " + e.getMessage());
            return LimitlessCommand.EXIT_USAGE;
        } catch (NoSuchFileException e) {
            err.println("limitless ddl: input file " + e.getFile() + " does not exist");
            return LimitlessCommand.EXIT_USAGE;
        } catch (IOException e) {
            err.println("limitless ddl: could not read or write a file: " + e.getMessage());
            return LimitlessCommand.EXIT_USAGE;
        }
    }
}
