package dev.limitless.pinning;

import java.security.CodeSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the application code that sent a statement: the first stack frame outside the JDK, the JDBC driver, the
 * connection pool, Spring, Micrometer, the migration tools and this library; and tells statements a framework sent
 * on its own (Flyway's {@code SET ROLE}, Spring's transaction set-up), which the user cannot change, from the rest. Only called when a warning or refusal is written (once per
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

    // what sits between any caller and the database: JDK, driver, pool, metrics; never the sender of a statement
    private static final List<String> PLUMBING_PREFIXES = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.", "jakarta.",
            "org.postgresql.", "com.zaxxer.hikari.", "io.micrometer.", "software.amazon.jdbc.", "org.apache.commons.dbcp2.",
            "org.apache.tomcat.jdbc.", "com.mchange.", "com.github.benmanes.caffeine.", "org.slf4j.", "ch.qos.logback.");

    // senders whose statements the user did not write: migration tools' own bookkeeping, Spring's transaction set-up
    private static final List<String> FRAMEWORK_SENDERS = List.of("org.flywaydb.", "liquibase.",
            "org.springframework.jdbc.datasource.DataSourceTransactionManager",
            "org.springframework.jdbc.support.JdbcTransactionManager",
            "org.springframework.jdbc.datasource.DataSourceUtils");

    /**
     * Whether a framework sent the statement on its own: the nearest caller past the JDBC plumbing is a migration
     * tool or Spring's transaction management (not {@code JdbcTemplate} and the like, which send what the
     * application wrote).
     */
    static boolean sentByFramework() {
        return WALKER.walk(frames -> frames
                        .filter(frame -> !isPlumbing(frame.getDeclaringClass()))
                        .findFirst())
                .map(frame -> startsWithAny(frame.getClassName(), FRAMEWORK_SENDERS))
                .orElse(true);
    }

    private static boolean isPlumbing(Class<?> type) {
        String name = type.getName();
        return startsWithAny(name, PLUMBING_PREFIXES)
                || name.startsWith("dev.limitless.") && Objects.equals(codeSource(type), LIBRARY);
    }

    private static boolean startsWithAny(String name, List<String> prefixes) {
        for (String prefix : prefixes) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
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
