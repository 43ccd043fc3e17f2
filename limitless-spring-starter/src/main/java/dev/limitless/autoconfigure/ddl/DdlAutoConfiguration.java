package dev.limitless.autoconfigure.ddl;

import dev.limitless.autoconfigure.LimitlessProperties;
import dev.limitless.autoconfigure.catalog.CatalogAutoConfiguration;
import dev.limitless.catalog.EntityCatalog;
import dev.limitless.catalog.LiveCatalog;
import dev.limitless.catalog.ShardCatalog;
import dev.limitless.catalog.TableDefinition;
import dev.limitless.ddl.CatalogComparison;
import dev.limitless.ddl.LimitlessDdl;
import dev.limitless.ddl.TypeMapping;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code limitless.ddl.mode=validate}: after migrations ran, compares {@code rds_aurora.limitless_tables} with the
 * declared catalog and stops start-up listing every difference. {@code create}: creates the annotated entities'
 * tables with generated Limitless DDL when none of them exists (local runs and tests; use migrations in production).
 */
@AutoConfiguration(after = {DataSourceAutoConfiguration.class, CatalogAutoConfiguration.class})
@ConditionalOnBooleanProperty(name = "limitless.enabled", matchIfMissing = true)
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties(LimitlessProperties.class)
public final class DdlAutoConfiguration {

    @Bean
    @ConditionalOnProperty(name = "limitless.ddl.mode", havingValue = "validate")
    @DependsOnDatabaseInitialization
    SchemaValidation limitlessSchemaValidation(DataSource dataSource, ShardCatalog catalog, LimitlessProperties properties) {
        return new SchemaValidation(dataSource, catalog, properties.getDefaultSchema());
    }

    @Bean
    @ConditionalOnProperty(name = "limitless.ddl.mode", havingValue = "create")
    SchemaCreation limitlessSchemaCreation(DataSource dataSource, LimitlessProperties properties, BeanFactory beanFactory) {
        return new SchemaCreation(dataSource, properties.getDefaultSchema(),
                CatalogAutoConfiguration.entityPackages(properties, beanFactory));
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
            List<String> differences = CatalogComparison.differences(declared, LiveCatalog.load(dataSource, schema));
            if (!differences.isEmpty()) {
                throw new SchemaMismatchException(differences);
            }
        }
    }

    /** Creates the entities' tables once, in one go; refuses a half-created schema. */
    static final class SchemaCreation implements InitializingBean {
        private static final Logger log = LoggerFactory.getLogger(SchemaCreation.class);
        private final DataSource dataSource;
        private final String schema;
        private final List<String> packages;

        SchemaCreation(DataSource dataSource, String schema, List<String> packages) {
            this.dataSource = dataSource;
            this.schema = schema;
            this.packages = packages;
        }

        @Override
        public void afterPropertiesSet() throws SQLException {
            Class<?>[] entities = EntityCatalog.entityClasses(packages.toArray(String[]::new)).toArray(Class<?>[]::new);
            if (entities.length == 0) {
                return;
            }
            ShardCatalog catalog = EntityCatalog.from(schema, entities);
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            List<String> existing = catalog.tables().stream().map(TableDefinition::name)
                    .filter(name -> Boolean.TRUE.equals(jdbc.queryForObject("SELECT to_regclass(?) IS NOT NULL", Boolean.class, name.sql())))
                    .map(Object::toString).toList();
            if (existing.size() == catalog.tables().size()) {
                return;
            }
            if (!existing.isEmpty()) {
                throw new IllegalStateException("limitless.ddl.mode=create found some of the entities' tables already"
                        + " (" + String.join(", ", existing) + ") and not the others; drop them or create the rest with migrations");
            }
            String script = LimitlessDdl.fromEntities(schema, TypeMapping.defaults(), LimitlessDdl.Style.TRANSACTION_BLOCKS, entities)
                    .scriptOrThrow();
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute(script);
            }
            log.info("Created {} table(s) with Limitless DDL: {}", catalog.tables().size(),
                    catalog.tables().stream().map(TableDefinition::describe).toList());
        }
    }
}
