/** Contract tests every source and sink connector's tests extend, and helpers to drive a task. */
package io.aihub.connectors.contract;
