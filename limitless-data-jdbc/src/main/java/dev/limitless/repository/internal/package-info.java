/**
 * Machinery of the repository support that the starter and limitless-data-jpa wire together: the interceptors behind
 * {@code @AllowScatter} and {@code @ShardScoped}, the Micrometer scatter counter and the report of unscoped repository
 * methods. Not API: these types may change in any release without notice; use the annotations, the repositories and
 * the starter's properties instead.
 */
package dev.limitless.repository.internal;
