/** Health checks and Prometheus metrics of the hub, served on the management port under /observe. */
package io.aihub.routes.observe;
