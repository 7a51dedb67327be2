/** Dev mode ({@code ./aihub run --dev}): routes reloaded when their YAML or mapping file changes. */
package io.aihub.routes.dev;
