/** The runnable hub: Camel Main application, aihub components, broker, BI store and CLI. */
package io.aihub.routes;
