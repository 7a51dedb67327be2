/** The source SPI: connectors that page records out of a business system from a stored position. */
package io.aihub.api.source;
