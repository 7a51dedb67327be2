package io.aihub.routes.project;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.aihub.api.json.HubJson;
import io.aihub.model.ModelDescriptor;
import io.aihub.model.mapping.FeatureDefinition;
import io.aihub.model.mapping.Transform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files {@code ./aihub new-route} writes for a {@code score-records} route: the route YAML (scoring route,
 * BI subscriber and, when the source can be written to, the write-back subscriber), the mapping, the fixture
 * test and a page of sample records built from the model's features.
 */
public final class RouteScaffold {

    private static final ObjectMapper JSON = HubJson.mapperBuilder(HubJson.DEFAULT_MAX_DOCUMENT_BYTES)
            .enable(SerializationFeature.INDENT_OUTPUT).build();

    private final String routeId;
    private final String source;
    private final String sink;
    private final ModelDescriptor model;
    private final List<String> writeFields;

    /**
     * @param sink        the sink connector instance, or null for no write-back
     * @param writeFields the fields the sink may write (its allow-list), used for the write-back mapping
     */
    public RouteScaffold(String routeId, String source, String sink, ModelDescriptor model, List<String> writeFields) {
        this.routeId = routeId;
        this.source = source;
        this.sink = sink;
        this.model = model;
        this.writeFields = List.copyOf(writeFields);
    }

    /** {@code <route>.camel.yaml}. */
    public String routeYaml() {
        String subscribers = sink == null ? "bi" : "bi,write-back";
        StringBuilder y = new StringBuilder();
        y.append("# ").append(routeId).append(": ").append(source).append(" records -> ").append(model.name())
                .append(" model -> predictions on aihub.predictions.").append(routeId).append(",\n")
                .append("# stored in the BI table").append(sink == null ? "" : " and written back to " + sink)
                .append(". Field renames and write-back fields: ").append(routeId).append(RouteMapping.SUFFIX)
                .append(".\n")
                .append("- templatedRoute:\n")
                .append("    routeTemplateRef: score-records\n")
                .append("    routeId: ").append(routeId).append('\n')
                .append("    parameters:\n");
        param(y, "route", routeId);
        param(y, "source", source);
        param(y, "model", model.name());
        param(y, "subscribers", "{{aihub.route." + routeId + ".subscribers:" + subscribers + "}}");
        param(y, "fields", "{{mapping:" + routeId + "/inputs}}");
        y.append("- templatedRoute:\n")
                .append("    routeTemplateRef: bi-sink\n")
                .append("    routeId: ").append(routeId).append("-bi\n")
                .append("    parameters:\n");
        param(y, "route", routeId);
        if (sink != null) {
            y.append("- templatedRoute:\n")
                    .append("    routeTemplateRef: write-back\n")
                    .append("    routeId: ").append(routeId).append("-write-back\n")
                    .append("    parameters:\n");
            param(y, "route", routeId);
            param(y, "sink", sink);
            param(y, "fields", "{{mapping:" + routeId + "/writeBack}}");
        }
        return y.toString();
    }

    private static void param(StringBuilder y, String name, String value) {
        y.append("      - name: ").append(name).append('\n')
                .append("        value: \"").append(value).append("\"\n");
    }

    /** {@code <route>.mapping.yaml}: every model input read from a record field of the same name. */
    public String mappingYaml() {
        StringBuilder y = new StringBuilder();
        y.append("# Field mapping of route ").append(routeId).append(" (checked by ./aihub validate).\n")
                .append("route: ").append(routeId).append('\n')
                .append("model: ").append(model.name()).append('\n')
                .append("# <field the model reads>: <field of the ").append(source)
                .append(" record>; change the right side to your source's field names.\n")
                .append("inputs:\n");
        for (String field : model.mapping().sourceFields()) {
            y.append("  ").append(field).append(": ").append(field).append('\n');
        }
        if (sink != null) {
            y.append("# <field written into the record>: score | label | modelVersion | band:<Name>@<min score>|...|<Name>\n")
                    .append("writeBack:\n");
            String scoreField = writeFields.isEmpty() ? "aihub_score" : writeFields.get(0);
            y.append("  ").append(scoreField).append(": score\n");
            if (writeFields.size() > 1) {
                y.append("  ").append(writeFields.get(1)).append(": band:High@0.6|Medium@0.3|Low\n");
            }
        }
        return y.toString();
    }

    /** {@code fixtures/<route>/test.yaml}. */
    public String testYaml() {
        return "# ./aihub test " + routeId + " runs the route over " + "source-pages.json and compares what it "
                + "published,\n# wrote back and dead-lettered with expected.json (./aihub test " + routeId
                + " --update records it).\n"
                + "route: " + routeId + "\npages: source-pages.json\nexpected: expected.json\nscoreTolerance: 0.0001\n";
    }

    /** {@code fixtures/<route>/source-pages.json}: one page of three sample records. */
    public String sourcePagesJson() {
        List<Map<String, Object>> page = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Map<String, Object> fields = new LinkedHashMap<>();
            for (FeatureDefinition f : model.features()) {
                if (!fields.containsKey(f.field())) {
                    Object sample = sample(f, i);
                    if (sample != null) {
                        fields.put(f.field(), sample);
                    }
                }
            }
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("id", routeId + "-" + (i + 1));
            record.put("version", "1");
            record.put("fields", fields);
            page.add(record);
        }
        try {
            return JSON.writeValueAsString(List.of(page)) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A plausible value for the i-th sample record: the one-hot categories in turn, or around the default. */
    private Object sample(FeatureDefinition f, int i) {
        if (!f.transforms().isEmpty() && f.transforms().get(0) instanceof Transform.OneHot) {
            List<String> values = model.features().stream().filter(d -> d.field().equals(f.field()))
                    .filter(d -> !d.transforms().isEmpty() && d.transforms().get(0) instanceof Transform.OneHot)
                    .map(d -> ((Transform.OneHot) d.transforms().get(0)).value()).toList();
            return i < values.size() ? values.get(i) : "Other";
        }
        if (!f.transforms().isEmpty() && f.transforms().get(0) instanceof Transform.IndicatorMissing) {
            return null;
        }
        if (!f.numericField()) {
            return "sample " + (i + 1);
        }
        double base = f.defaultValue() instanceof Number n ? Math.abs(n.doubleValue()) : 1.0;
        double factor = new double[] {0.5, 1.0, 2.0}[i];
        return Math.round(base * factor * 100.0) / 100.0;
    }
}
