/** The error hierarchy: one unchecked root, split into retriable and permanent failures. */
package io.aihub.api.error;
