package dev.limitless.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The code in docs/ as a user copies it: limitless coordinates with the version from one place (the BOM imported with
 * {@code ${limitless.version}}, whose value is the project's version), and Java that shows its imports. Imports must
 * resolve on this module's test class path (the starter, core, limitless-test, Spring Boot), every public limitless
 * type a block names must be imported, no block imports a type of an {@code .internal} package (not API), and a block
 * that is a whole file (it starts with its package) must compile. Blocks marked {@code <!-- snippet: ... -->} are
 * copies of compiled files ({@link DocSnippetsTest}) and are not checked again.
 */
class DocsCodeTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern FENCE = Pattern.compile("^```(\\w*)\\s*$");
    private static final Pattern DEPENDENCY = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL);
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?([\\w.]+)(\\.\\*)?;", Pattern.MULTILINE);
    private static final Pattern VERSION_PROPERTY = Pattern.compile("<limitless\\.version>([^<]+)</limitless\\.version>");
    private static final Pattern TYPE_DECLARATION = Pattern.compile("^(public\\s+)?(final\\s+)?(abstract\\s+)?(class|record|interface|@interface|enum)\\s",
            Pattern.MULTILINE);

    record Block(Path page, int line, String language, String text, boolean copied) {
        String where() {
            return ROOT.relativize(page) + ":" + line;
        }
    }

    @Test
    void limitlessCoordinatesAreCompleteAndTheVersionComesFromOnePlace() throws Exception {
        String projectVersion = projectVersion();
        List<String> problems = new ArrayList<>();
        int dependencies = 0;
        for (Path page : pages()) {
            List<Block> blocks = blocks(page);
            boolean importsBom = blocks.stream().anyMatch(b -> b.language().equals("xml") && b.text().contains("<artifactId>limitless-bom</artifactId>")
                    && b.text().contains("<version>${limitless.version}</version>") && b.text().contains("<scope>import</scope>"));
            for (Block block : blocks) {
                Matcher property = VERSION_PROPERTY.matcher(block.text());
                while (property.find()) {
                    if (!property.group(1).equals(projectVersion)) {
                        problems.add(block.where() + ": limitless.version is " + property.group(1) + ", the project is " + projectVersion);
                    }
                }
                Matcher dependency = DEPENDENCY.matcher(block.text());
                while (dependency.find()) {
                    String body = dependency.group(1);
                    if (!body.contains("<groupId>dev.limitless</groupId>")) {
                        continue;
                    }
                    dependencies++;
                    Matcher artifact = Pattern.compile("<artifactId>([^<]+)</artifactId>").matcher(body);
                    if (!artifact.find() || !Files.isRegularFile(ROOT.resolve(artifact.group(1)).resolve("pom.xml"))) {
                        problems.add(block.where() + ": a dev.limitless dependency without the artifactId of a module: " + body.trim());
                        continue;
                    }
                    Matcher version = Pattern.compile("<version>([^<]+)</version>").matcher(body);
                    if (version.find()) {
                        if (!version.group(1).equals("${limitless.version}")) {
                            problems.add(block.where() + ": " + artifact.group(1) + " with version " + version.group(1)
                                    + "; write ${limitless.version}, or leave the version to the BOM");
                        }
                    } else if (!importsBom) {
                        problems.add(block.where() + ": " + artifact.group(1) + " without a version, and the page does not"
                                + " show the limitless-bom import with ${limitless.version}");
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(dependencies).as("limitless dependencies shown in docs/").isPositive();
    }

    @Test
    void theSpringBootParentShownIsTheOneTheProjectBuildsWith() throws Exception {
        Matcher built = Pattern.compile("<spring-boot\\.version>([^<]+)</spring-boot\\.version>")
                .matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertThat(built.find()).as("spring-boot.version in pom.xml").isTrue();
        Pattern parent = Pattern.compile(
                "<artifactId>spring-boot-starter-parent</artifactId>\\s*<version>([^<]+)</version>");
        List<String> problems = new ArrayList<>();
        int shown = 0;
        for (Path page : pages()) {
            for (Block block : blocks(page)) {
                Matcher version = parent.matcher(block.text());
                while (version.find()) {
                    shown++;
                    if (!version.group(1).equals(built.group(1))) {
                        problems.add(block.where() + ": spring-boot-starter-parent " + version.group(1)
                                + ", the project builds with " + built.group(1));
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(shown).as("a spring-boot-starter-parent shown in docs/").isPositive();
    }

    @Test
    void javaSnippetsShowImportsThatResolveAndWholeOnesCompile() throws Exception {
        Set<String> limitlessTypes = limitlessPublicTypes();
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Path page : pages()) {
            for (Block block : blocks(page)) {
                if (!block.language().equals("java") || block.copied()) {
                    continue;
                }
                checked++;
                Set<String> imported = new LinkedHashSet<>();
                Matcher imports = IMPORT.matcher(block.text());
                while (imports.find()) {
                    String name = imports.group(2);
                    boolean isStatic = imports.group(1) != null;
                    boolean wildcard = imports.group(3) != null;
                    String type = isStatic && !wildcard ? name.substring(0, name.lastIndexOf('.')) : name;
                    if (name.matches("dev\\.limitless\\..*\\binternal\\b.*")) {
                        problems.add(block.where() + ": import " + name + " is not API (an .internal package); show the"
                                + " public type users call instead");
                    }
                    if (!wildcard || isStatic) {
                        if (load(type) == null) {
                            problems.add(block.where() + ": import " + name + " does not resolve");
                        }
                    }
                    imported.add(name.substring(name.lastIndexOf('.') + 1));
                    if (isStatic) {
                        imported.add(type.substring(type.lastIndexOf('.') + 1));
                    }
                }
                for (String type : limitlessTypes) {
                    if (Pattern.compile("(?<![\\w.])" + Pattern.quote(type) + "\\b").matcher(withoutComments(block.text())).find()
                            && !imported.contains(type) && !declares(block.text(), type)) {
                        problems.add(block.where() + ": uses " + type + " without importing it");
                    }
                }
                if (block.text().startsWith("package ") && TYPE_DECLARATION.matcher(block.text()).find()) {
                    String errors = compile(block.text());
                    if (!errors.isEmpty()) {
                        problems.add(block.where() + ": does not compile: " + errors);
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(checked).as("Java blocks checked in docs/").isPositive();
    }

    private static boolean declares(String text, String type) {
        return Pattern.compile("(class|record|interface|enum)\\s+" + Pattern.quote(type) + "\\b").matcher(text).find();
    }

    private static String withoutComments(String text) {
        return text.replaceAll("//[^\n]*", "").replaceAll("(?s)/\\*.*?\\*/", "");
    }

    private static Class<?> load(String name) {
        String candidate = name;
        while (true) {
            try {
                return Class.forName(candidate, false, DocsCodeTest.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                int dot = candidate.lastIndexOf('.');
                if (dot < 0) {
                    return null;
                }
                candidate = candidate.substring(0, dot) + "$" + candidate.substring(dot + 1);
                if (candidate.indexOf('.') < 0) {
                    return null;
                }
            }
        }
    }

    private static String compile(String source) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        Matcher type = Pattern.compile("(?:class|record|interface|enum)\\s+(\\w+)").matcher(source);
        String name = type.find() ? type.group(1) : "Snippet";
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + name + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Path out;
        try {
            out = Files.createTempDirectory("docs-snippet");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        boolean ok = compiler.getTask(null, null, diagnostics, List.of("-classpath", System.getProperty("java.class.path"),
                "-d", out.toString(), "-proc:none"), null, List.of(file)).call();
        if (ok) {
            return "";
        }
        StringBuilder errors = new StringBuilder();
        diagnostics.getDiagnostics().forEach(d -> errors.append("\n  line ").append(d.getLineNumber()).append(": ").append(d.getMessage(null)));
        return errors.toString();
    }

    private static Set<String> limitlessPublicTypes() throws IOException {
        Set<String> names = new LinkedHashSet<>();
        try (Stream<Path> lists = Files.list(ROOT)) {
            for (Path list : lists.map(module -> module.resolve("public-api.txt")).filter(Files::isRegularFile).toList()) {
                for (String line : Files.readAllLines(list)) {
                    if (!line.isBlank() && !line.contains("$")) {
                        names.add(line.substring(line.lastIndexOf('.') + 1));
                    }
                }
            }
        }
        return names;
    }

    private static String projectVersion() throws IOException {
        String pom = Files.readString(ROOT.resolve("pom.xml"));
        Matcher version = Pattern.compile("</parent>|<artifactId>limitless-parent</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        while (version.find()) {
            if (version.group(1) != null) {
                return version.group(1);
            }
        }
        throw new IllegalStateException("no version in pom.xml");
    }

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT.resolve("docs"))) {
            pages.addAll(files.filter(p -> p.toString().endsWith(".md")).sorted().toList());
        }
        pages.add(ROOT.resolve("README.md"));
        return pages;
    }

    private static List<Block> blocks(Path page) throws IOException {
        List<String> lines = Files.readAllLines(page);
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher fence = FENCE.matcher(lines.get(i));
            if (!fence.matches()) {
                continue;
            }
            int start = i;
            StringBuilder text = new StringBuilder();
            for (i++; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
                text.append(lines.get(i)).append('\n');
            }
            boolean copied = start > 0 && lines.get(start - 1).startsWith("<!-- snippet:");
            blocks.add(new Block(page, start + 1, fence.group(1), text.toString(), copied));
        }
        return blocks;
    }
}
