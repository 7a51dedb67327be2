/** The aihub-source component: polls a source connector page by page and commits positions after delivery. */
package io.aihub.routes.component.source;
