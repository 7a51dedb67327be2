package io.aihub.model.embedded.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.aihub.api.model.FeatureSpec;
import io.aihub.model.ModelDescriptor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares a loaded ONNX session with its descriptor: numeric features only, exactly one input, the named input
 * a float {@code [rows, features]} tensor with the declared feature count, the named output a float
 * {@code [rows, labels]} tensor with the declared label count. Symbolic (unknown) dimensions are accepted.
 */
final class OnnxSchemaCheck {

    private static final Set<String> NUMERIC_TYPES = Set.of("float", "double", "int64");

    private OnnxSchemaCheck() {
    }

    /** Every difference between session and descriptor, as sentences; empty when they match. */
    static List<String> problems(ModelDescriptor descriptor, OrtSession session) throws OrtException {
        List<String> problems = new ArrayList<>();
        for (FeatureSpec feature : descriptor.metadata().features()) {
            if (!NUMERIC_TYPES.contains(feature.type())) {
                problems.add("feature '" + feature.name() + "' has type " + feature.type()
                        + " but the ONNX backend takes numbers only");
            }
        }
        Map<String, NodeInfo> inputs = session.getInputInfo();
        NodeInfo input = inputs.get(descriptor.input());
        if (input == null) {
            problems.add("the model has no input '" + descriptor.input() + "' (inputs: " + inputs.keySet() + ")");
        } else {
            problems.addAll(matrixProblems("input", input, descriptor.features().size(), "features"));
        }
        if (inputs.size() > 1) {
            problems.add("the model has " + inputs.size() + " inputs " + inputs.keySet()
                    + "; exactly one is supported");
        }
        Map<String, NodeInfo> outputs = session.getOutputInfo();
        NodeInfo output = outputs.get(descriptor.output());
        if (output == null) {
            problems.add("the model has no output '" + descriptor.output() + "' (outputs: " + outputs.keySet() + ")");
        } else {
            problems.addAll(matrixProblems("output", output, descriptor.labels().size(), "labels"));
        }
        return problems;
    }

    private static List<String> matrixProblems(String role, NodeInfo node, int expectedColumns, String what) {
        if (!(node.getInfo() instanceof TensorInfo tensor)) {
            return List.of(role + " '" + node.getName() + "' is not a tensor");
        }
        List<String> problems = new ArrayList<>();
        if (tensor.type != OnnxJavaType.FLOAT) {
            problems.add(role + " '" + node.getName() + "' holds " + tensor.type + ", not FLOAT");
        }
        long[] shape = tensor.getShape();
        if (shape.length != 2) {
            problems.add(role + " '" + node.getName() + "' has shape " + Arrays.toString(shape)
                    + "; expected [rows, " + what + "]");
        } else if (shape[1] >= 0 && shape[1] != expectedColumns) {
            problems.add(role + " '" + node.getName() + "' has " + shape[1] + " " + what + " but "
                    + ModelDescriptor.FILE_NAME + " declares " + expectedColumns);
        }
        return problems;
    }
}
