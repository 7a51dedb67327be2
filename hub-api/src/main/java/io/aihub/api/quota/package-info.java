/** API quotas a connector learns from the system it talks to, for metrics and health checks. */
package io.aihub.api.quota;
