/** The sink SPI: idempotent, per-record write-back of allow-listed fields into a business system. */
package io.aihub.api.sink;
