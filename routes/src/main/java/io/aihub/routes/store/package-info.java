/**
 * The hub's SQL store: migrations, committed source positions, and the BI tables (predictions, outcomes, route
 * runs, drift reports).
 */
package io.aihub.routes.store;
