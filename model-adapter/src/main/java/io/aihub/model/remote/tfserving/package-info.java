/** The TensorFlow Serving / KServe v1 REST backend: {@code POST /v1/models/{name}:predict}. */
package io.aihub.model.remote.tfserving;
