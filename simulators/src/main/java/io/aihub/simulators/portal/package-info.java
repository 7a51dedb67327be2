/**
 * A customer-portal webhook sender: signs portal events with each supported scheme and sends them over HTTP,
 * with switches for duplicates, stale timestamps, tampered bodies, secret rotation and CloudEvents modes.
 */
package io.aihub.simulators.portal;
