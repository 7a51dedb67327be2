/**
 * The admin API ({@code /api/...}) and the dashboard page ({@code /}), served on the management port next to
 * {@code /observe}: bearer tokens configured as hashes, read-only and operator roles.
 */
package io.aihub.routes.api;
