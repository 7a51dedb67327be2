package io.aihub.model.remote;

import io.aihub.api.model.FeatureRow;
import io.aihub.model.ChurnFixtures;
import io.aihub.model.ModelDescriptor;
import io.aihub.model.mapping.FeatureMapping;
import io.aihub.model.training.LabeledRow;
import java.time.Duration;
import java.util.List;

/** The shipped churn descriptor re-pointed at a simulated server, and rows mapped with its feature mapping. */
public final class RemoteFixtures {

    /** The shipped churn model's descriptor. */
    public static final ModelDescriptor SHIPPED = ModelDescriptor.read(ChurnFixtures.SHIPPED_MODEL_DIR
            .resolve(ModelDescriptor.FILE_NAME));
    /** 120 mapped churn rows. */
    public static final List<FeatureRow> ROWS = mapped(120);

    private RemoteFixtures() {
    }

    private static List<FeatureRow> mapped(int count) {
        FeatureMapping mapping = SHIPPED.mapping();
        return ChurnFixtures.labeledAccounts(7L, count).stream().map(LabeledRow::fields).map(mapping::map).toList();
    }

    /** The churn descriptor for {@code backend} at {@code url}. */
    public static ModelDescriptor churn(String backend, String url, String modelName, Duration timeout) {
        return churn(backend, new EndpointSettings(url, modelName, null, timeout, null, null, null));
    }

    /** The churn descriptor for {@code backend} with these endpoint settings. */
    public static ModelDescriptor churn(String backend, EndpointSettings endpoint) {
        return new ModelDescriptor(SHIPPED.name(), SHIPPED.version(), backend, null, null, null, SHIPPED.labels(),
                SHIPPED.positiveLabel(), SHIPPED.features(), null, null, endpoint, null, null);
    }

    /** An endpoint without a token. */
    public static RemoteEndpoint endpoint(ModelDescriptor descriptor) {
        return RemoteEndpoint.of(descriptor.reference(), descriptor.endpoint(), Duration.ofSeconds(5), name -> null);
    }
}
