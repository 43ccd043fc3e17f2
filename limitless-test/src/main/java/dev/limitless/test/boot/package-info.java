/**
 * Spring Boot test support: the embedded (or Testcontainers, or given) PostgreSQL with the local Limitless emulation
 * as Spring Boot {@code JdbcConnectionDetails}, so that a {@code @SpringBootTest} needs no
 * {@code @DynamicPropertySource}. Needs {@code spring-boot-jdbc} on the class path (every Spring Boot JDBC
 * application has it).
 */
package dev.limitless.test.boot;
