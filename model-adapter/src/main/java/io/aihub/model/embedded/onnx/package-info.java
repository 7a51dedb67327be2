/** The embedded ONNX Runtime backend: one native session per model, reused by every route. */
package io.aihub.model.embedded.onnx;
