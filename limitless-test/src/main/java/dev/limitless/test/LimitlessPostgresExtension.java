package dev.limitless.test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;

/**
 * JUnit 5 extension behind {@link LimitlessPostgres}: one fresh database per test class, dropped after the class.
 */
public final class LimitlessPostgresExtension implements BeforeAllCallback, TestInstancePostProcessor, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LimitlessPostgresExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        TestDatabase database = database(context);
        for (Class<?> type = context.getRequiredTestClass(); type != null; type = type.getSuperclass()) {
            injectFields(type, null, database, true);
        }
    }

    @Override
    public void postProcessTestInstance(Object testInstance, ExtensionContext context) throws Exception {
        TestDatabase database = database(context);
        for (Class<?> type = testInstance.getClass(); type != null; type = type.getSuperclass()) {
            injectFields(type, testInstance, database, false);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == TestDatabase.class || type == DataSource.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        TestDatabase database = database(extensionContext);
        return parameterContext.getParameter().getType() == TestDatabase.class ? database : database.dataSource();
    }

    /** The database of the (outermost annotated) test class, created on first use and closed with the class. */
    private static TestDatabase database(ExtensionContext context) {
        ExtensionContext classContext = classContextOf(context);
        Class<?> testClass = classContext.getRequiredTestClass();
        LimitlessPostgres settings = findAnnotation(testClass);
        int shards = settings == null ? 16 : settings.shards();
        if (shards < 0) {
            throw new ParameterResolutionException("@LimitlessPostgres(shards = " + shards + ") on " + testClass.getName()
                    + ": the shard count must be 0 (no emulation) or more");
        }
        Resource resource = classContext.getStore(NAMESPACE).getOrComputeIfAbsent(Resource.class,
                key -> new Resource(PostgresServers.shared().createDatabase(testClass.getSimpleName(), shards)),
                Resource.class);
        return resource.database;
    }

    private static ExtensionContext classContextOf(ExtensionContext context) {
        ExtensionContext current = context;
        ExtensionContext outermostAnnotated = null;
        while (current != null && current.getTestClass().isPresent()) {
            if (findAnnotation(current.getRequiredTestClass()) != null) {
                outermostAnnotated = current;
            }
            current = current.getParent().orElse(null);
        }
        if (outermostAnnotated == null) {
            throw new ParameterResolutionException("No @LimitlessPostgres on the test class of " + context.getDisplayName());
        }
        // the class-level context, not a method-level one, owns the database
        while (outermostAnnotated.getTestMethod().isPresent()) {
            outermostAnnotated = outermostAnnotated.getParent().orElseThrow();
        }
        return outermostAnnotated;
    }

    private static LimitlessPostgres findAnnotation(Class<?> type) {
        for (Class<?> current = type; current != null; current = current.getEnclosingClass()) {
            LimitlessPostgres annotation = current.getAnnotation(LimitlessPostgres.class);
            if (annotation != null) {
                return annotation;
            }
        }
        return null;
    }

    private static void injectFields(Class<?> type, Object instance, TestDatabase database, boolean statics)
            throws IllegalAccessException {
        for (Field field : type.getDeclaredFields()) {
            if (!field.isAnnotationPresent(LimitlessPostgres.Inject.class) || Modifier.isStatic(field.getModifiers()) != statics) {
                continue;
            }
            Object value;
            if (field.getType() == TestDatabase.class) {
                value = database;
            } else if (field.getType() == DataSource.class) {
                value = database.dataSource();
            } else {
                throw new IllegalStateException("@LimitlessPostgres.Inject on " + type.getName() + "." + field.getName()
                        + ": the field must be a TestDatabase or a javax.sql.DataSource, not " + field.getType().getName());
            }
            field.setAccessible(true);
            field.set(instance, value);
        }
    }

    /** Closes the database when JUnit closes the class's store. */
    private static final class Resource implements AutoCloseable {
        final TestDatabase database;

        Resource(TestDatabase database) {
            this.database = database;
        }

        @Override
        public void close() {
            database.close();
        }
    }
}
