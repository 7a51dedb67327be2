/**
 * Retries with exponential backoff and full jitter, and a count-based circuit breaker per backend, in plain Java:
 * {@link io.aihub.model.resilience.ResilientModelBackend} puts both around any model backend.
 */
package io.aihub.model.resilience;
