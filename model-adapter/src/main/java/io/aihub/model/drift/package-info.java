/** Drift of live model inputs and scores against the training distribution recorded in {@code model.yaml}. */
package io.aihub.model.drift;
