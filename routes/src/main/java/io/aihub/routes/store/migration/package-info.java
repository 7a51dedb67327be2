/** Flyway migrations that need code: the parts of the schema whose SQL differs between H2 and PostgreSQL. */
package io.aihub.routes.store.migration;
