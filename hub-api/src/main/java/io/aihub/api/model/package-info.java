/** The model SPI: one contract over embedded and remote model backends. */
package io.aihub.api.model;
