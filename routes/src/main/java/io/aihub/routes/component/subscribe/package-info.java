/** The aihub-subscribe component: consumes a subscriber queue in transacted batches. */
package io.aihub.routes.component.subscribe;
