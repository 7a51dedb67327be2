package io.aihub.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SemanticVersionTest {

    @Test
    void ordersNumericallyAndPutsPreReleasesBeforeTheirRelease() {
        List<String> sorted = Stream.of("1.10.0", "1.2.0", "1.0.0", "1.0.0-rc.2", "1.0.0-rc.10", "1.0.0-alpha",
                "0.9.9", "2.0.0").map(SemanticVersion::parse).sorted().map(SemanticVersion::toString).toList();

        assertThat(sorted).containsExactly("0.9.9", "1.0.0-alpha", "1.0.0-rc.2", "1.0.0-rc.10", "1.0.0", "1.2.0",
                "1.10.0", "2.0.0");
    }

    @Test
    void rejectsTextThatIsNotASemanticVersion() {
        assertThat(SemanticVersion.tryParse("1.0")).isEmpty();
        assertThat(SemanticVersion.tryParse("01.0.0")).isEmpty();
        assertThat(SemanticVersion.tryParse("../1.0.0")).isEmpty();
        assertThatThrownBy(() -> SemanticVersion.parse("latest")).hasMessageContaining("'latest' is not a semantic");
    }

    @Test
    void givesOneNumberForOnnxModelVersions() {
        assertThat(SemanticVersion.parse("1.2.3").asNumber()).isEqualTo(1_002_003L);
    }
}
