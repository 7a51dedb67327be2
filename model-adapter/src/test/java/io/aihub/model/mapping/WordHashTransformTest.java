package io.aihub.model.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.aihub.api.error.PermanentException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WordHashTransformTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void wordsAreLowerCasedRunsOfLettersAndDigits() {
        assertThat(Transform.WordHash.words("Export FAILED: error 42, café!")).containsExactly("export", "failed",
                "error", "42", "café");
    }

    @Test
    void everyWordCountsInExactlyOneBucketAndTheBucketIsStable() {
        String text = "the invoice shows the wrong amount";
        int total = 0;
        for (int bucket = 0; bucket < 16; bucket++) {
            total += new Transform.WordHash(List.of(), 16, bucket).count(List.of(text));
        }
        assertThat(total).isEqualTo(6);
        int bucketOfThe = Transform.WordHash.bucketOf("the", 16);
        assertThat(new Transform.WordHash(List.of(), 16, bucketOfThe).count(List.of(text))).isGreaterThanOrEqualTo(2);
        assertThat(Transform.WordHash.bucketOf("invoice", 64)).as("FNV-1a, the same on every machine")
                .isEqualTo(Integer.remainderUnsigned(fnv1a("invoice"), 64));
    }

    @Test
    void aFeatureCountsTheWordsOfItsFieldAndFurtherFieldsAndFallsBackToItsDefault() {
        int bucket = Transform.WordHash.bucketOf("refund", 8);
        FeatureDefinition feature = new FeatureDefinition("w", "Subject", "float", 0,
                List.of(new Transform.WordHash(List.of("Description"), 8, bucket)));
        Map<String, Object> record = new HashMap<>();
        record.put("Subject", "Refund please");
        record.put("Description", "I want a refund");
        assertThat((double) feature.map(record)).isGreaterThanOrEqualTo(2.0);
        assertThat(feature.map(Map.of())).isEqualTo(0.0);
        FeatureDefinition noDefault = feature.withDefault(null);
        assertThatThrownBy(() -> noDefault.map(Map.of())).isInstanceOf(PermanentException.class)
                .hasMessageContaining("'Subject', 'Description'");
        assertThat(new FeatureMapping(List.of(feature)).sourceFields()).containsExactly("Subject", "Description");
    }

    @Test
    void readsAndWritesItsYamlForm() throws Exception {
        List<Transform> read = YAML.readValue("- word-hash: {fields: [Description], buckets: 64, bucket: 7}\n",
                new TypeReference<List<Transform>>() { });
        assertThat(read).containsExactly(new Transform.WordHash(List.of("Description"), 64, 7));
        List<Transform> again = YAML.readValue(YAML.writeValueAsString(read), new TypeReference<List<Transform>>() { });
        assertThat(again).isEqualTo(read);
        assertThatThrownBy(() -> new Transform.WordHash(List.of(), 64, 64)).hasMessageContaining("buckets - 1");
        assertThatThrownBy(() -> YAML.readValue("- word-hash: {buckets: 8}\n", new TypeReference<List<Transform>>() { }))
                .hasMessageContaining("whole numbers 'buckets' and 'bucket'");
    }

    private static int fnv1a(String word) {
        int hash = 0x811c9dc5;
        for (byte b : word.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x01000193;
        }
        return hash;
    }
}
