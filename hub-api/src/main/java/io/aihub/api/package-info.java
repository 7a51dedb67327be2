/** The aihub contracts: envelope, source/sink/model SPIs and errors; no Camel or Artemis types. */
package io.aihub.api;
