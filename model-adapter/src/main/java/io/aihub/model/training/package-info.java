/** The training tool: fits a feature mapping, trains a classifier, exports and verifies ONNX. */
package io.aihub.model.training;
