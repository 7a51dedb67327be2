/** Declarative feature mapping: record fields to model inputs, with fitted transforms. */
package io.aihub.model.mapping;
