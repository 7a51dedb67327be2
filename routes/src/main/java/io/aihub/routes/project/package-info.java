/**
 * A hub's route project as files: route YAML, field mappings, fixtures and configuration, read with line
 * numbers so {@code ./aihub validate}, {@code new-route}, {@code test}, {@code routes} and {@code run --dev} can
 * point at the exact place of a problem.
 */
package io.aihub.routes.project;
