package dev.limitless.autoconfigure.catalog;

import dev.limitless.autoconfigure.LimitlessProperties;
import dev.limitless.catalog.CatalogException;
import dev.limitless.catalog.CatalogFile;
import dev.limitless.catalog.LiveCatalog;
import dev.limitless.catalog.ShardCatalog;
import dev.limitless.repository.mapping.EntityCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.Resource;

/**
 * The application's declared {@link ShardCatalog}: annotated entities, then {@code limitless.catalog.file}. A bad
 * catalog stops start-up with a message that names the file and line, or both conflicting sources. The live
 * database ({@code limitless.catalog.live=true}) is merged in by {@link #withLiveCatalog} where a DataSource is
 * wrapped (the catalog bean itself must not need the DataSource it guards).
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "limitless.enabled", matchIfMissing = true)
@EnableConfigurationProperties({LimitlessProperties.class, CatalogProperties.class})
public final class CatalogAutoConfiguration {

    /** Entities annotated with @ShardedTable/@ReferenceTable in limitless.catalog.entity-packages, else the application's packages. */
    @Bean
    @ConditionalOnMissingBean(name = "limitlessEntityCatalogSource")
    EntityCatalogSource limitlessEntityCatalogSource(CatalogProperties properties, BeanFactory beanFactory) {
        String[] scanned = entityPackages(properties, beanFactory).toArray(String[]::new);
        return schema -> scanned.length == 0 ? ShardCatalog.empty() : EntityCatalog.scan(schema, scanned);
    }

    /**
     * Never silently empty: entity packages set explicitly that hold no annotated entity (a typo), or no source with
     * any table at all, stop start-up ({@link EmptyCatalogException}) naming the packages scanned and what they hold.
     */
    @Bean
    @ConditionalOnMissingBean
    ShardCatalog limitlessShardCatalog(LimitlessProperties properties, CatalogProperties settings,
            ObjectProvider<EntityCatalogSource> entities, BeanFactory beanFactory) {
        String schema = properties.getDefaultSchema();
        List<ShardCatalog> sources = new ArrayList<>();
        entities.orderedStream().forEach(source -> sources.add(source.catalog(schema)));
        boolean noAnnotatedEntity = sources.stream().allMatch(source -> source.tables().isEmpty());
        if (noAnnotatedEntity && !settings.getEntityPackages().isEmpty()) {
            throw EmptyCatalogException.typo(settings.getEntityPackages(), applicationPackages(beanFactory));
        }
        Resource file = settings.getFile();
        if (file != null) {
            sources.add(read(file, schema));
        }
        ShardCatalog catalog = sources.isEmpty() ? ShardCatalog.empty().withDefaultSchema(schema)
                : ShardCatalog.merge(sources).withDefaultSchema(schema);
        if (catalog.tables().isEmpty() && !settings.isLive() && !settings.isAllowEmpty()) {
            throw EmptyCatalogException.noSource(entityPackages(settings, beanFactory));
        }
        return catalog;
    }

    private static List<String> applicationPackages(BeanFactory beanFactory) {
        return AutoConfigurationPackages.has(beanFactory) ? AutoConfigurationPackages.get(beanFactory) : List.of();
    }

    /** {@code limitless.catalog.entity-packages}, else the application's packages (those of @SpringBootApplication). */
    public static List<String> entityPackages(CatalogProperties properties, BeanFactory beanFactory) {
        List<String> packages = properties.getEntityPackages();
        if (packages.isEmpty() && AutoConfigurationPackages.has(beanFactory)) {
            return AutoConfigurationPackages.get(beanFactory);
        }
        return packages;
    }

    /**
     * The declared catalog merged with the live one read through {@code dataSource}, when
     * {@code limitless.catalog.live=true}; conflicts name both sources.
     */
    public static ShardCatalog withLiveCatalog(ShardCatalog declared, CatalogProperties catalog, String defaultSchema,
            DataSource dataSource) {
        if (!catalog.isLive()) {
            return declared;
        }
        try {
            return ShardCatalog.merge(List.of(declared, LiveCatalog.load(dataSource, defaultSchema)))
                    .withDefaultSchema(defaultSchema);
        } catch (SQLException e) {
            throw new CatalogException("limitless.catalog.live=true, but the live catalog could not be read: " + e.getMessage(), e);
        }
    }

    private static ShardCatalog read(Resource file, String schema) {
        if (!file.exists()) {
            throw new CatalogException("limitless.catalog.file=" + file.getDescription() + " does not exist");
        }
        try (InputStream in = file.getInputStream()) {
            return CatalogFile.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), describe(file), schema);
        } catch (IOException e) {
            throw new CatalogException("Could not read limitless.catalog.file=" + file.getDescription() + ": " + e.getMessage(), e);
        }
    }

    private static String describe(Resource file) {
        String name = file.getFilename();
        return name == null ? file.getDescription() : name;
    }

    /** A source of catalog entries computed from annotated entity classes; the DDL and repository support provide it. */
    @FunctionalInterface
    public interface EntityCatalogSource {
        ShardCatalog catalog(String defaultSchema);
    }
}
