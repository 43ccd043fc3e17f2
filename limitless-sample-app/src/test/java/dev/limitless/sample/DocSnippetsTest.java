package dev.limitless.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the code in docs/ identical to the tested code it is taken from. A page marks a fenced block with
 * {@code <!-- snippet: path/from/repository/root#tag -->} on the line before it; the block must equal the lines
 * between {@code tag::tag[]} and {@code end::tag[]} in that file (common indentation removed), or the whole file
 * without a {@code #tag}, or lines {@code #L3-L9}.
 */
class DocSnippetsTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern MARKER = Pattern.compile("<!-- snippet: (\\S+?)(?:#(\\S+))? -->");
    private static final Pattern LINES = Pattern.compile("L(\\d+)-L(\\d+)");

    @Test
    void everySnippetInTheDocsIsTheCodeItNames() throws IOException {
        List<String> problems = new ArrayList<>();
        int snippets = 0;
        try (Stream<Path> pages = Files.walk(ROOT.resolve("docs"))) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                List<String> lines = Files.readAllLines(page);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher marker = MARKER.matcher(lines.get(i));
                    if (!marker.find()) {
                        continue;
                    }
                    snippets++;
                    String where = ROOT.relativize(page) + ":" + (i + 1);
                    String block = block(lines, i + 1);
                    Path source = ROOT.resolve(marker.group(1));
                    if (block == null) {
                        problems.add(where + ": the marker is not followed by a fenced code block");
                    } else if (!Files.isRegularFile(source)) {
                        problems.add(where + ": " + marker.group(1) + " does not exist");
                    } else {
                        String expected = region(Files.readAllLines(source), marker.group(2));
                        if (expected == null) {
                            problems.add(where + ": " + marker.group(1) + " has no region " + marker.group(2));
                        } else if (!expected.equals(block)) {
                            problems.add(where + ": the block differs from " + marker.group(1)
                                    + (marker.group(2) == null ? "" : "#" + marker.group(2)) + "; copy it again:\n" + expected);
                        }
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(snippets).as("snippets found in docs/").isPositive();
    }

    private static String block(List<String> lines, int from) {
        if (from >= lines.size() || !lines.get(from).startsWith("```")) {
            return null;
        }
        List<String> body = new ArrayList<>();
        for (int i = from + 1; i < lines.size(); i++) {
            if (lines.get(i).startsWith("```")) {
                return String.join("\n", body);
            }
            body.add(lines.get(i));
        }
        return null;
    }

    private static String region(List<String> source, String tag) {
        List<String> region = new ArrayList<>();
        if (tag == null) {
            region.addAll(source);
        } else if (LINES.matcher(tag).matches()) {
            Matcher range = LINES.matcher(tag);
            range.matches();
            region.addAll(source.subList(Integer.parseInt(range.group(1)) - 1, Integer.parseInt(range.group(2))));
        } else {
            boolean inside = false;
            boolean found = false;
            for (String line : source) {
                if (line.contains("end::" + tag + "[]")) {
                    inside = false;
                } else if (line.contains("tag::" + tag + "[]")) {
                    inside = true;
                    found = true;
                } else if (inside && !line.contains("tag::") && !line.contains("end::")) {
                    region.add(line);
                }
            }
            if (!found) {
                return null;
            }
        }
        int indent = region.stream().filter(line -> !line.isBlank())
                .mapToInt(line -> line.length() - line.stripLeading().length()).min().orElse(0);
        List<String> stripped = region.stream().map(line -> line.isBlank() ? "" : line.substring(indent)).toList();
        return String.join("\n", stripped).stripTrailing();
    }
}
