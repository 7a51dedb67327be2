/** The aihub-publish component: builds envelopes and publishes a scored page in one broker transaction. */
package io.aihub.routes.component.publish;
