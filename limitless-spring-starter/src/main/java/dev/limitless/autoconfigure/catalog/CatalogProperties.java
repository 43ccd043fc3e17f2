package dev.limitless.autoconfigure.catalog;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * Where the shard catalog comes from ({@code limitless.catalog.*}). Sources are merged in this order: annotated
 * entities, the catalog file, the live database; two sources that define one table differently stop start-up naming
 * both. See docs/catalog.md.
 */
@ConfigurationProperties("limitless.catalog")
public class CatalogProperties {

    /** A YAML catalog file (format in docs/catalog.md), e.g. classpath:limitless-catalog.yaml. */
    private Resource file;

    /**
     * Packages scanned for entities annotated with @ShardedTable or @ReferenceTable. Default: the packages of
     * the application (those of @SpringBootApplication).
     */
    private List<String> entityPackages = new ArrayList<>();

    /** Also read the catalog of the live database (rds_aurora.limitless_tables) at start-up. */
    private boolean live = false;

    /**
     * Start with an empty catalog (no annotated entity, no file, no live source). By default that stops start-up,
     * since a guard without a catalog guards nothing.
     */
    private boolean allowEmpty = false;

    public Resource getFile() {
        return file;
    }

    public void setFile(Resource file) {
        this.file = file;
    }

    public List<String> getEntityPackages() {
        return entityPackages;
    }

    public void setEntityPackages(List<String> entityPackages) {
        this.entityPackages = entityPackages;
    }

    public boolean isLive() {
        return live;
    }

    public void setLive(boolean live) {
        this.live = live;
    }

    public boolean isAllowEmpty() {
        return allowEmpty;
    }

    public void setAllowEmpty(boolean allowEmpty) {
        this.allowEmpty = allowEmpty;
    }
}
