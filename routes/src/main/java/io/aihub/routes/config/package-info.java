/** Hub settings read from Camel properties ({@code aihub.*}). */
package io.aihub.routes.config;
