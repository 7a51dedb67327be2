package io.aihub.model.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StratifiedSplitTest {

    private static List<String> labels(int positives, int negatives) {
        List<String> labels = new ArrayList<>(Collections.nCopies(negatives, "no"));
        labels.addAll(Collections.nCopies(positives, "yes"));
        Collections.shuffle(labels, new Random(1));
        return labels;
    }

    @Test
    void keepsEachLabelsShareInTheHoldout() {
        List<String> labels = labels(250, 750);

        StratifiedSplit split = StratifiedSplit.of(labels, 0.2, 42L);

        assertThat(split.holdout()).hasSize(200);
        assertThat(split.holdout().stream().filter(i -> labels.get(i).equals("yes")).count()).isEqualTo(50);
        assertThat(split.training()).hasSize(800);
    }

    @Test
    void everyRowIsInExactlyOnePart() {
        StratifiedSplit split = StratifiedSplit.of(labels(33, 67), 0.3, 1L);

        Set<Integer> all = new HashSet<>(split.training());
        all.addAll(split.holdout());
        assertThat(all).hasSize(100);
        assertThat(split.training()).doesNotContainAnyElementsOf(split.holdout()).isSorted();
        assertThat(split.holdout()).isSorted();
    }

    @Test
    void sameSeedGivesTheSameSplitAndAnotherSeedAnother() {
        List<String> labels = labels(40, 60);

        assertThat(StratifiedSplit.of(labels, 0.2, 5L)).isEqualTo(StratifiedSplit.of(labels, 0.2, 5L));
        assertThat(StratifiedSplit.of(labels, 0.2, 6L).holdout())
                .isNotEqualTo(StratifiedSplit.of(labels, 0.2, 5L).holdout());
    }

    @Test
    void holdsOutAtLeastOneButNeverAllRowsOfASmallLabel() {
        StratifiedSplit split = StratifiedSplit.of(labels(2, 50), 0.1, 3L);

        assertThat(split.holdout().stream().filter(i -> labels(2, 50).get(i).equals("yes")).count()).isEqualTo(1);
    }
}
