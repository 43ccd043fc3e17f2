package dev.limitless.pinning;

import java.security.CodeSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the application code that sent a statement: the first stack frame outside the JDK, the JDBC driver, the
 * connection pool, Spring, Micrometer, the migration tools and this library. No such frame means a framework sent
 * the statement on its own (Flyway's {@code SET ROLE}, Spring's own statements), which the user cannot change. Only called when a warning or refusal is written (once per
 * distinct statement), never per execution.
 */
final class CallingFrame {

    private static final List<String> FRAMEWORK_PREFIXES = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.",
            "jakarta.", "org.postgresql.", "com.zaxxer.hikari.", "org.springframework.", "io.micrometer.",
            "software.amazon.jdbc.", "org.apache.commons.dbcp2.", "org.apache.tomcat.jdbc.", "com.mchange.",
            "net.sf.jsqlparser.", "com.github.benmanes.caffeine.", "org.slf4j.", "ch.qos.logback.", "org.hibernate.",
            "org.jooq.", "org.mybatis.", "org.apache.ibatis.", "kotlin.", "reactor.", "org.flywaydb.", "liquibase.");

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private CallingFrame() {
    }

    /** The calling application frame as {@code class.method(File.java:line)}, or "unknown caller". */
    static String describe() {
        return find().map(frame -> frame.toStackTraceElement().toString()).orElse("unknown caller");
    }

    static Optional<StackWalker.StackFrame> find() {
        return WALKER.walk(frames -> frames.filter(frame -> isApplication(frame.getDeclaringClass())).findFirst());
    }

    static boolean isApplication(Class<?> type) {
        String name = type.getName();
        for (String prefix : FRAMEWORK_PREFIXES) {
            if (name.startsWith(prefix)) {
                return false;
            }
        }
        // our own packages: the classes shipped in this library's jar (not an application's dev.limitless.* code,
        // such as tests or the sample app)
        return !name.startsWith("dev.limitless.") || !Objects.equals(codeSource(type), LIBRARY);
    }

    private static final Object LIBRARY = codeSource(CallingFrame.class);

    private static Object codeSource(Class<?> type) {
        CodeSource source = type.getProtectionDomain() == null ? null : type.getProtectionDomain().getCodeSource();
        return source == null ? null : source.getLocation();
    }
}
