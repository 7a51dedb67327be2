package io.aihub.model.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.api.error.PermanentException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTrainingDataTest {

    @TempDir
    Path dir;

    private Path csv(String text) throws Exception {
        Path file = dir.resolve("accounts.csv");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void readsHeaderQuotedCellsNumbersAndEmptyCellsAsNull() throws Exception {
        Path file = csv("\uFEFFId,Name,NPS__c,Plan__c,churned\r\n"
                + "001,\"Acme, Inc.\",7,Basic,yes\r\n"
                + "002,\"Say \"\"hi\"\"\nthen leave\",,\"\",no\r\n"
                + "003,Plain,-1.5e1,\"42\",no");

        List<LabeledRow> rows = CsvTrainingData.read(file, "churned");

        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).label()).isEqualTo("yes");
        assertThat(rows.get(0).fields()).containsExactly(Map.entry("Id", 1.0), Map.entry("Name", "Acme, Inc."),
                Map.entry("NPS__c", 7.0), Map.entry("Plan__c", "Basic"));
        assertThat(rows.get(1).fields().get("Name")).isEqualTo("Say \"hi\"\nthen leave");
        assertThat(rows.get(1).fields()).containsEntry("NPS__c", null).containsEntry("Plan__c", null);
        assertThat(rows.get(2).fields()).containsEntry("NPS__c", -15.0).containsEntry("Plan__c", 42.0);
    }

    @Test
    void skipsBlankLinesAndAcceptsLfLineEnds() throws Exception {
        Path file = csv("a,label\n1,x\n\n2,y\n");

        assertThat(CsvTrainingData.read(file, "label")).extracting(LabeledRow::label).containsExactly("x", "y");
    }

    @Test
    void wrongCellCountNamesTheLineOfTheRecord() throws Exception {
        Path file = csv("a,b,label\n1,\"two\nlines\",x\n1,2\n");

        assertThatThrownBy(() -> CsvTrainingData.read(file, "label"))
                .isInstanceOfSatisfying(PermanentException.class, e -> {
                    assertThat(e.code()).isEqualTo("TRAINING_BAD_DATA");
                    assertThat(e.getMessage()).endsWith("line 4 has 2 cells; the header has 3");
                });
    }

    @Test
    void missingLabelColumnListsTheColumns() throws Exception {
        Path file = csv("a,b\n1,2\n");

        assertThatThrownBy(() -> CsvTrainingData.read(file, "churned"))
                .hasMessageContaining("has no column 'churned' (columns: a, b)");
    }

    @Test
    void emptyLabelIsRejectedWithoutShowingTheRow() throws Exception {
        Path file = csv("name,label\nJane Doe,\n");

        assertThatThrownBy(() -> CsvTrainingData.read(file, "label"))
                .hasMessageContaining("line 2 has an empty label in column 'label'")
                .hasMessageNotContaining("Jane");
    }

    @Test
    void unterminatedQuoteNamesTheLineItStarts() throws Exception {
        Path file = csv("a,label\n\"open,x\n2,y\n");

        assertThatThrownBy(() -> CsvTrainingData.read(file, "label"))
                .hasMessageContaining("line 2 opens a quote that is never closed");
    }

    @Test
    void textAfterAClosingQuoteIsRejected() throws Exception {
        Path file = csv("a,label\n\"x\"y,z\n");

        assertThatThrownBy(() -> CsvTrainingData.read(file, "label"))
                .hasMessageContaining("line 2 has text after a closing quote");
    }
}
