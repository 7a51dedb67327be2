/** End-to-end tests against the real application: broker, simulators, models and databases. */
package io.aihub.it;
