package dev.limitless.repository;

import dev.limitless.catalog.TableName;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.dao.IncorrectUpdateSemanticsDataAccessException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.jdbc.core.convert.DataAccessStrategy;
import org.springframework.data.jdbc.core.convert.DelegatingDataAccessStrategy;
import org.springframework.data.jdbc.core.convert.JdbcConverter;
import org.springframework.data.jdbc.core.mapping.JdbcValue;
import org.springframework.data.mapping.PersistentPropertyPathAccessor;
import org.springframework.data.relational.core.mapping.RelationalPersistentEntity;
import org.springframework.data.relational.core.mapping.RelationalPersistentProperty;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

/**
 * Updates sharded aggregates with a composite id without assigning the id columns. Spring Data JDBC writes every
 * column of an embedded id into the SET list of its UPDATE, and Aurora Limitless refuses any UPDATE that assigns a
 * shard-key column ({@code Shard key column update is not supported}), even to the value it already has. This
 * strategy sends the same UPDATE without the id columns; every other entity and operation goes to Spring Data.
 */
final class ShardKeyPreservingUpdates extends DelegatingDataAccessStrategy {

    private final ShardedEntities entities;
    private final JdbcConverter converter;
    private final Supplier<NamedParameterJdbcOperations> jdbc;
    private final Map<Class<?>, UpdateStatement> statements = new ConcurrentHashMap<>();

    ShardKeyPreservingUpdates(DataAccessStrategy delegate, ShardedEntities entities, JdbcConverter converter,
            Supplier<NamedParameterJdbcOperations> jdbc) {
        super(delegate);
        this.entities = entities;
        this.converter = converter;
        this.jdbc = jdbc;
    }

    @Override
    public <T> boolean update(T instance, Class<T> domainType) {
        UpdateStatement statement = statementFor(domainType);
        if (statement == null) {
            return super.update(instance, domainType);
        }
        int rows = jdbc.get().update(statement.sql(), parameters(statement, instance, null));
        if (rows == 0) {
            throw new IncorrectUpdateSemanticsDataAccessException("Failed to update entity of " + statement.entity().table()
                    + ": no row has its id. A new entity with a caller-assigned id needs a @Version property (null when"
                    + " new) or Persistable so that Spring Data inserts it.");
        }
        return true;
    }

    @Override
    public <T> boolean updateWithVersion(T instance, Class<T> domainType, Number previousVersion) {
        UpdateStatement statement = statementFor(domainType);
        if (statement == null) {
            return super.updateWithVersion(instance, domainType, previousVersion);
        }
        int rows = jdbc.get().update(statement.versionedSql(), parameters(statement, instance, previousVersion));
        if (rows == 0) {
            throw new OptimisticLockingFailureException("Failed to update versioned entity of " + statement.entity().table()
                    + " (version " + previousVersion + "): it was updated or deleted concurrently");
        }
        return true;
    }

    private UpdateStatement statementFor(Class<?> domainType) {
        UpdateStatement known = statements.get(domainType);
        if (known != null) {
            return known == UpdateStatement.NONE ? null : known;
        }
        ShardedEntity entity = entities.describe(domainType);
        UpdateStatement built = entity.isSharded() && entity.compositeId() ? UpdateStatement.of(entity) : UpdateStatement.NONE;
        statements.put(domainType, built);
        return built == UpdateStatement.NONE ? null : built;
    }

    private MapSqlParameterSource parameters(UpdateStatement statement, Object instance, Number previousVersion) {
        RelationalPersistentEntity<?> persistent = entities.mappingContext().getRequiredPersistentEntity(instance.getClass());
        PersistentPropertyPathAccessor<?> accessor = persistent.getPropertyPathAccessor(instance);
        MapSqlParameterSource parameters = new MapSqlParameterSource();
        int index = 0;
        for (ShardedEntity.MappedColumn column : statement.entity().columns()) {
            if (column.inId() || column.updatable()) {
                RelationalPersistentProperty property = column.path().getLeafProperty();
                Object value = accessor.getProperty(column.path(), ShardedEntity.ShardKeyColumn.NULL_SAFE);
                JdbcValue jdbcValue = converter.writeJdbcValue(value, property.getTypeInformation(),
                        converter.getTargetSqlType(property));
                Integer sqlType = jdbcValue.getJdbcType() == null ? null : jdbcValue.getJdbcType().getVendorTypeNumber();
                parameters.addValue("p" + index, jdbcValue.getValue(), sqlType == null ? SqlParameterSource.TYPE_UNKNOWN : sqlType);
            }
            index++;
        }
        if (previousVersion != null) {
            parameters.addValue("previous_version", previousVersion);
        }
        return parameters;
    }

    /** The UPDATE of one entity type: SET every updatable non-id column, WHERE the whole id (and the old version). */
    private record UpdateStatement(ShardedEntity entity, String sql, String versionedSql) {

        static final UpdateStatement NONE = new UpdateStatement(null, "", "");

        static UpdateStatement of(ShardedEntity entity) {
            StringBuilder set = new StringBuilder();
            StringBuilder where = new StringBuilder();
            String versionColumn = null;
            int index = 0;
            for (ShardedEntity.MappedColumn column : entity.columns()) {
                String quoted = TableName.quote(column.column());
                if (column.inId()) {
                    where.append(where.isEmpty() ? "" : " AND ").append(quoted).append(" = :p").append(index);
                } else if (column.updatable()) {
                    set.append(set.isEmpty() ? "" : ", ").append(quoted).append(" = :p").append(index);
                    if (column.version()) {
                        versionColumn = quoted;
                    }
                }
                index++;
            }
            String sql = "UPDATE " + entity.table().sql() + " SET " + set + " WHERE " + where;
            String versioned = versionColumn == null ? sql : sql + " AND " + versionColumn + " = :previous_version";
            return new UpdateStatement(entity, sql, versioned);
        }
    }
}
