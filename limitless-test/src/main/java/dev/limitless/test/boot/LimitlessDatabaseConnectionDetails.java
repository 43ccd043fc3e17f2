package dev.limitless.test.boot;

import dev.limitless.test.TestDatabase;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * Spring Boot's {@link JdbcConnectionDetails} of a {@link TestDatabase}: a bean of this type makes the auto-configured
 * {@code DataSource} connect to that database, with no {@code spring.datasource.*} property and no
 * {@code @DynamicPropertySource}. {@link LimitlessTestDatabase} declares one; the starter's
 * {@code limitless.local.embedded-database=true} declares one too when the application has none.
 *
 * @param database the database to connect to
 */
public record LimitlessDatabaseConnectionDetails(TestDatabase database) implements JdbcConnectionDetails {

    @Override
    public String getJdbcUrl() {
        return database.jdbcUrl();
    }

    @Override
    public String getUsername() {
        return database.username();
    }

    @Override
    public String getPassword() {
        return database.password();
    }

    @Override
    public String toString() {
        // never the password
        return "LimitlessDatabaseConnectionDetails[" + database.jdbcUrl() + "]";
    }
}
