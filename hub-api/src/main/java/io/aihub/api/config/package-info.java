/** Declarative configuration: keys declared once as data, parsed and validated all at once. */
package io.aihub.api.config;
