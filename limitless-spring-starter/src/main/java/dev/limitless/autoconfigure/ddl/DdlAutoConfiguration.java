package dev.limitless.autoconfigure.ddl;

import dev.limitless.autoconfigure.LimitlessProperties;
import dev.limitless.autoconfigure.catalog.CatalogAutoConfiguration;
import dev.limitless.autoconfigure.catalog.CatalogProperties;
import dev.limitless.catalog.LiveCatalog;
import dev.limitless.catalog.ShardCatalog;
import dev.limitless.catalog.TableName;
import dev.limitless.ddl.internal.CatalogComparison;
import dev.limitless.ddl.LimitlessDdl;
import dev.limitless.ddl.TypeMapping;
import dev.limitless.jdbc.GuardedDataSource;
import dev.limitless.repository.mapping.EntityCatalog;
import dev.limitless.repository.mapping.EntityDdl;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.ClassUtils;

/**
 * {@code limitless.ddl.mode=validate}: after migrations ran, compares {@code rds_aurora.limitless_tables} with the
 * declared catalog both ways and stops start-up listing every difference. {@code create}: creates every mapped
 * entity's missing table with generated Limitless DDL (local runs and tests; use migrations in production).
 */
@AutoConfiguration(after = {DataSourceAutoConfiguration.class, CatalogAutoConfiguration.class},
        afterName = "org.springframework.boot.data.jdbc.autoconfigure.DataJdbcRepositoriesAutoConfiguration")
@ConditionalOnBooleanProperty(name = "limitless.enabled", matchIfMissing = true)
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties({LimitlessProperties.class, CatalogProperties.class, DdlProperties.class})
public final class DdlAutoConfiguration {

    @Bean
    @ConditionalOnProperty(name = "limitless.ddl.mode", havingValue = "validate")
    @DependsOnDatabaseInitialization
    SchemaValidation limitlessSchemaValidation(DataSource dataSource, ShardCatalog catalog, LimitlessProperties properties) {
        return new SchemaValidation(dataSource, catalog, properties.getDefaultSchema());
    }

    @Bean
    @ConditionalOnProperty(name = "limitless.ddl.mode", havingValue = "create")
    SchemaCreation limitlessSchemaCreation(DataSource dataSource, ShardCatalog catalog, CatalogProperties properties,
            BeanFactory beanFactory) {
        return new SchemaCreation(dataSource, catalog, () -> mappedEntities(properties, beanFactory));
    }

    /**
     * Every entity the application maps: the annotated entities of the entity packages, then Spring Data JDBC's
     * aggregate roots (its mapping context and every repository's domain type), which are standard unless annotated
     * or in the catalog.
     */
    static List<Class<?>> mappedEntities(CatalogProperties properties, BeanFactory beanFactory) {
        Set<Class<?>> entities = new LinkedHashSet<>(EntityCatalog.entityClasses(
                CatalogAutoConfiguration.entityPackages(properties, beanFactory).toArray(String[]::new)));
        if (SpringDataEntities.PRESENT && beanFactory instanceof ListableBeanFactory listable) {
            entities.addAll(SpringDataEntities.aggregateRoots(listable));
        }
        List<String> jpaEntities = entities.stream().filter(DdlAutoConfiguration::isJpaEntity).map(Class::getName).toList();
        if (!jpaEntities.isEmpty()) {
            // the generated tables would follow Spring Data JDBC's names and types, not Hibernate's
            throw new dev.limitless.catalog.CatalogException("limitless.ddl.mode=create generates tables by Spring Data"
                    + " JDBC's mapping rules, but " + jpaEntities + " are JPA entities, which Hibernate maps by its own:"
                    + " create their tables with a Flyway migration in Limitless DDL, or from Hibernate's schema script"
                    + " translated by LimitlessDdl (docs/jpa.md), and set limitless.ddl.mode=validate");
        }
        return List.copyOf(entities);
    }

    private static boolean isJpaEntity(Class<?> type) {
        for (java.lang.annotation.Annotation annotation : type.getAnnotations()) {
            if (annotation.annotationType().getName().equals("jakarta.persistence.Entity")) {
                return true;
            }
        }
        return false;
    }

    /** Validates at bean initialisation, which Spring Boot orders after Flyway and other database initializers. */
    static final class SchemaValidation implements InitializingBean {
        private final DataSource dataSource;
        private final ShardCatalog declared;
        private final String schema;

        SchemaValidation(DataSource dataSource, ShardCatalog declared, String schema) {
            this.dataSource = dataSource;
            this.declared = declared;
            this.schema = schema;
        }

        @Override
        public void afterPropertiesSet() throws SQLException {
            ShardCatalog live = LiveCatalog.load(dataSource, schema);
            List<String> differences = new ArrayList<>(CatalogComparison.differences(declared, live));
            differences.addAll(CatalogComparison.undeclared(declared, live));
            if (!differences.isEmpty()) {
                throw new SchemaMismatchException(differences);
            }
        }
    }

    /**
     * Creates the tables of the mapped entities that do not exist yet (all of them on a fresh database, the rest
     * of a half-created schema), collocation targets first; an entity without annotations gets the mode the catalog
     * gives its table, else standard. Runs on the DataSource below the guard: its own
     * {@code SET LOCAL} DDL is not the application's statement and must not be reported as a pinning risk.
     */
    static final class SchemaCreation implements InitializingBean {
        private static final Logger log = LoggerFactory.getLogger(SchemaCreation.class);
        private final DataSource dataSource;
        private final ShardCatalog catalog;
        private final Supplier<List<Class<?>>> entities;

        SchemaCreation(DataSource dataSource, ShardCatalog catalog, Supplier<List<Class<?>>> entities) {
            this.dataSource = dataSource;
            this.catalog = catalog;
            this.entities = entities;
        }

        @Override
        public void afterPropertiesSet() throws SQLException {
            DataSource target = dataSource.isWrapperFor(GuardedDataSource.class)
                    ? dataSource.unwrap(GuardedDataSource.class).delegate() : dataSource;
            JdbcTemplate jdbc = new JdbcTemplate(target);
            List<Class<?>> missing = new ArrayList<>();
            List<TableName> created = new ArrayList<>();
            for (Class<?> entity : entities.get()) {
                TableName table = EntityCatalog.describe(entity, catalog.defaultSchema()).definition().name();
                if (!Boolean.TRUE.equals(jdbc.queryForObject("SELECT to_regclass(?) IS NOT NULL", Boolean.class, table.sql()))) {
                    missing.add(entity);
                    created.add(table);
                }
            }
            if (missing.isEmpty()) {
                return;
            }
            // unannotated entities take their mode from the catalog (a catalog file), else they are standard
            String script = EntityDdl.fromEntities(catalog, TypeMapping.defaults(), LimitlessDdl.Style.TRANSACTION_BLOCKS,
                    missing).scriptOrThrow();
            try (Connection connection = target.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute(script);
            }
            log.info("limitless.ddl.mode=create created {} table(s) with Limitless DDL: {}", created.size(), created);
        }
    }

    /** Spring Data JDBC's entities, only touched when Spring Data JDBC is on the class path. */
    private static final class SpringDataEntities {
        static final boolean PRESENT = ClassUtils.isPresent(
                "org.springframework.data.relational.core.mapping.RelationalMappingContext", DdlAutoConfiguration.class.getClassLoader());

        static List<Class<?>> aggregateRoots(ListableBeanFactory beanFactory) {
            Set<Class<?>> roots = new LinkedHashSet<>();
            for (String name : beanFactory.getBeanNamesForType(
                    org.springframework.data.repository.core.support.RepositoryFactoryInformation.class, true, false)) {
                Class<?> repository = beanFactory.getType(name.startsWith("&") ? name.substring(1) : name, false);
                if (repository != null && org.springframework.data.repository.Repository.class.isAssignableFrom(repository)) {
                    roots.add(org.springframework.data.repository.core.support.AbstractRepositoryMetadata
                            .getMetadata(repository).getDomainType());
                }
            }
            beanFactory.getBeanProvider(org.springframework.data.relational.core.mapping.RelationalMappingContext.class)
                    .ifUnique(context -> context.getPersistentEntities().stream()
                            .filter(entity -> entity.hasIdProperty())
                            .forEach(entity -> roots.add(entity.getType())));
            return List.copyOf(roots);
        }
    }
}
