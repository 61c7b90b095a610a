/**
 * The metadata repositories of {@code io.valise.core} on SQL: SQLite (embedded, the default) and
 * PostgreSQL, with one code path and one Flyway migration set. Every statement is a constant string
 * with parameters. {@link io.valise.store.sql.SqlStore} is the only public type.
 */
@NullMarked
package io.valise.store.sql;

import org.jspecify.annotations.NullMarked;
