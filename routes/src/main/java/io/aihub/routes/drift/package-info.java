/** Drift monitoring of a route's published records: windows, drift report rows and drift events. */
package io.aihub.routes.drift;
