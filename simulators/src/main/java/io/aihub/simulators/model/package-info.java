/**
 * Model servers on 127.0.0.1 speaking KServe v2, MLflow scoring, TensorFlow Serving (KServe v1) and OpenAI chat
 * completions, each answering deterministically and with fault hooks for tests and the demo profile.
 */
package io.aihub.simulators.model;
