/** Ground truth flowing back from source systems into {@code prediction_outcomes}. */
package io.aihub.routes.outcome;
