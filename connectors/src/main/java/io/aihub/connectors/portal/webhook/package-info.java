/**
 * Signed webhooks from customer portals: signature verification over the raw body, event parsing into
 * source records (CloudEvents binary and structured modes included), delivery de-duplication and the
 * {@code webhook} connector's configuration. Framework-free: the hub's HTTP endpoint calls these classes.
 */
package io.aihub.connectors.portal.webhook;
