/** Small pieces every connector shares. */
package io.aihub.connectors.common;
