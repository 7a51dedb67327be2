/** The KServe Open Inference Protocol v2 (REST) backend: one batched FP32 tensor per call. */
package io.aihub.model.remote.kserve;
