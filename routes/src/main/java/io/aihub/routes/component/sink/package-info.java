/** The aihub-sink component: writes allow-listed prediction fields back into a business system. */
package io.aihub.routes.component.sink;
