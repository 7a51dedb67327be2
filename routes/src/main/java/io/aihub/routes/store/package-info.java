/** The hub's SQL store: migrations, committed source positions, and the BI predictions table. */
package io.aihub.routes.store;
