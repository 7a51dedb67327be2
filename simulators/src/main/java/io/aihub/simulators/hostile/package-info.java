/**
 * Hostile response bodies the CRM and ERP simulators can answer a query with (deep nesting, a huge chunked body, a
 * very long string), so tests can prove the connectors read such answers with bounded memory and clear errors.
 */
package io.aihub.simulators.hostile;
