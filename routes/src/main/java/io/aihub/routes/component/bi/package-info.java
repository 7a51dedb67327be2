/** The aihub-bi component: stores prediction events in the BI tables. */
package io.aihub.routes.component.bi;
