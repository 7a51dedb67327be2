/** The aihub-model component: maps and scores a whole page in one model call. */
package io.aihub.routes.component.model;
