package io.aihub.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.api.error.ConfigException;
import io.aihub.api.error.PermanentException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {

    @TempDir
    Path models;

    private void install(String folderVersion, String declaredVersion) throws Exception {
        ModelDescriptor shipped = ModelDescriptor.read(ChurnFixtures.SHIPPED_MODEL_DIR.resolve("model.yaml"));
        Path dir = models.resolve("churn").resolve(folderVersion);
        Files.createDirectories(dir);
        Files.copy(ChurnFixtures.SHIPPED_MODEL_DIR.resolve(shipped.file()), dir.resolve(shipped.file()));
        new ModelDescriptor(shipped.name(), declaredVersion, shipped.backend(), shipped.file(), shipped.input(),
                shipped.output(), shipped.labels(), shipped.positiveLabel(), shipped.features(), shipped.training(),
                shipped.metrics()).write(dir.resolve("model.yaml"));
    }

    @Test
    void loadsTheHighestSemanticVersionWhenNoVersionIsGiven() throws Exception {
        install("1.0.0", "1.0.0");
        install("1.10.0", "1.10.0");
        install("1.2.0", "1.2.0");
        install("1.11.0-rc.1", "1.11.0-rc.1");
        Files.createDirectories(models.resolve("churn").resolve("latest"));

        try (LoadedModel model = ModelRegistry.load(models, "churn", null)) {
            assertThat(model.descriptor().version()).isEqualTo("1.11.0-rc.1");
            assertThat(model.backend().ready()).isTrue();
            assertThat(model.mapping().validateAgainst(model.backend().metadata())).isEmpty();
        }
        assertThat(ModelRegistry.versions(models, "churn")).extracting(SemanticVersion::toString)
                .containsExactly("1.0.0", "1.2.0", "1.10.0", "1.11.0-rc.1");
    }

    @Test
    void loadsTheRequestedVersion() throws Exception {
        install("1.0.0", "1.0.0");
        install("1.2.0", "1.2.0");

        try (LoadedModel model = ModelRegistry.load(models, "churn", "1.0.0")) {
            assertThat(model.descriptor().version()).isEqualTo("1.0.0");
        }
    }

    @Test
    void closingALoadedModelClosesItsBackend() throws Exception {
        install("1.0.0", "1.0.0");

        LoadedModel model = ModelRegistry.load(models, "churn", null);
        model.close();
        model.close();

        assertThat(model.backend().ready()).isFalse();
    }

    @Test
    void missingVersionNamesTheFolderAndTheVersionsPresent() throws Exception {
        install("1.0.0", "1.0.0");
        install("1.2.0", "1.2.0");

        assertThatThrownBy(() -> ModelRegistry.load(models, "churn", "2.0.0"))
                .isInstanceOfSatisfying(PermanentException.class, e -> {
                    assertThat(e.code()).isEqualTo("MODEL_NOT_FOUND");
                    assertThat(e.getMessage()).contains(models.resolve("churn").resolve("2.0.0").toString())
                            .contains("versions present: 1.0.0, 1.2.0");
                });
    }

    @Test
    void missingModelNamesTheFolderAndTheModelsPresent() throws Exception {
        install("1.0.0", "1.0.0");

        assertThatThrownBy(() -> ModelRegistry.load(models, "fraud", null))
                .isInstanceOfSatisfying(PermanentException.class, e -> {
                    assertThat(e.code()).isEqualTo("MODEL_NOT_FOUND");
                    assertThat(e.getMessage()).contains("no model 'fraud' in " + models)
                            .contains("models present: churn");
                });
    }

    @Test
    void highestVersionWithoutADescriptorFailsInsteadOfFallingBack() throws Exception {
        install("1.0.0", "1.0.0");
        Files.createDirectories(models.resolve("churn").resolve("1.1.0"));

        assertThatThrownBy(() -> ModelRegistry.load(models, "churn", null))
                .hasMessageContaining("version '1.1.0': no model.yaml in")
                .hasMessageContaining("versions present: 1.0.0, 1.1.0");
    }

    @Test
    void modelWithoutVersionFoldersSaysSo() throws Exception {
        Files.createDirectories(models.resolve("churn").resolve("current"));

        assertThatThrownBy(() -> ModelRegistry.load(models, "churn", null))
                .hasMessageContaining("model 'churn' has no version folders (like 1.0.0)");
    }

    @Test
    void descriptorThatDisagreesWithItsFolderIsRejected() throws Exception {
        install("2.0.0", "1.0.0");

        assertThatThrownBy(() -> ModelRegistry.load(models, "churn", "2.0.0"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("version '1.0.0' does not match its folder '2.0.0'");
    }

    @Test
    void namesThatWouldLeaveTheModelsFolderAreRejected() {
        assertThatThrownBy(() -> ModelRegistry.load(models, "../etc", "../../x"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).hasSize(2));
    }
}
