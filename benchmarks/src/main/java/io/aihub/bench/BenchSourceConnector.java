package io.aihub.bench;

import io.aihub.api.config.ConfigDef;
import io.aihub.api.config.ConfigKey;
import io.aihub.api.config.ConfigType;
import io.aihub.api.source.SourceConnector;
import io.aihub.api.source.SourceTask;
import java.util.Map;

/**
 * Source connector {@code type = bench}: serves {@code records} generated accounts ({@link BenchData}) in pages
 * of {@code pageSize}, as fast as the route asks. It has no sink side, so a bench route has no write-back.
 * Pages are held back until {@link BenchSourceTask#open()}, so the benchmark's consumers are connected before
 * the first record is read.
 */
public final class BenchSourceConnector implements SourceConnector {

    /** The connector type in configuration. */
    public static final String TYPE = "bench";
    /** Config key: how many records the source serves. */
    public static final String RECORDS = "records";
    /** Config key: records per page. */
    public static final String PAGE_SIZE = "pageSize";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public ConfigDef config() {
        ConfigKey.Validator positive = v -> ((Number) v).longValue() > 0 ? null : "must be positive";
        return new ConfigDef()
                .define(RECORDS, ConfigType.LONG, "200000", "How many records the source serves.", positive)
                .define(PAGE_SIZE, ConfigType.INT, "500", "Records per page.", positive);
    }

    @Override
    public SourceTask createTask(String instanceName, Map<String, String> config) {
        Map<String, String> own = new java.util.LinkedHashMap<>(config);
        own.remove("type");
        ConfigDef.Config parsed = config().parse("bench source '" + instanceName + "'", own);
        return new BenchSourceTask(instanceName, parsed.getLong(RECORDS), parsed.getInt(PAGE_SIZE));
    }
}
