/** Camel components that bind the aihub SPIs: aihub-source, aihub-model, aihub-publish, aihub-subscribe, aihub-sink, aihub-bi. */
package io.aihub.routes.component;
