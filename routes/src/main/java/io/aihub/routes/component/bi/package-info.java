/** The aihub-bi component: stores prediction events, outcomes and drift reports in the BI tables. */
package io.aihub.routes.component.bi;
