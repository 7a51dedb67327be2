package io.aihub.model.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.aihub.model.ChurnFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pins down what Tribuo 4.3.2's ONNX export of a logistic regression looks like, which the ONNX backend relies
 * on: one float input {@code input [batch, features]}, one float output {@code output [batch, labels]}, and a
 * {@code Gemm} followed by a {@code Softmax} over the labels, so the output already holds probabilities.
 */
class TribuoOnnxExportTest {

    private static final Path SHIPPED_ONNX = ChurnFixtures.SHIPPED_MODEL_DIR.resolve("model.onnx");

    @Test
    void exportHasOneFloatInputAndOneFloatProbabilityOutputWithSymbolicBatch() throws Exception {
        try (OrtSession session = OrtEnvironment.getEnvironment().createSession(SHIPPED_ONNX.toString())) {
            Map<String, NodeInfo> inputs = session.getInputInfo();
            Map<String, NodeInfo> outputs = session.getOutputInfo();

            assertThat(inputs).containsOnlyKeys(TribuoLogisticRegression.ONNX_INPUT);
            assertThat(outputs).containsOnlyKeys(TribuoLogisticRegression.ONNX_OUTPUT);
            TensorInfo input = (TensorInfo) inputs.get("input").getInfo();
            TensorInfo output = (TensorInfo) outputs.get("output").getInfo();
            assertThat(input.type).isEqualTo(OnnxJavaType.FLOAT);
            assertThat(input.getShape()).containsExactly(-1, 8);
            assertThat(output.type).isEqualTo(OnnxJavaType.FLOAT);
            assertThat(output.getShape()).containsExactly(-1, 2);
        }
    }

    @Test
    void exportAppliesSoftmaxAfterTheLinearLayer() throws Exception {
        OnnxMl.ModelProto model = OnnxMl.ModelProto.parseFrom(Files.readAllBytes(SHIPPED_ONNX));

        assertThat(model.getGraph().getNodeList()).extracting(OnnxMl.NodeProto::getOpType)
                .containsExactly("Gemm", "Softmax", "Identity");
        assertThat(model.getDomain()).isEqualTo(ClassifierTrainer.ONNX_DOMAIN);
        assertThat(model.getModelVersion()).isEqualTo(1_000_000L);
    }
}
