package io.aihub.model.training;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A seeded, stratified split into training and holdout rows: each label keeps its share in both parts.
 *
 * @param training row indices used for fitting, ascending
 * @param holdout  row indices held out for evaluation, ascending
 */
record StratifiedSplit(List<Integer> training, List<Integer> holdout) {

    StratifiedSplit {
        training = List.copyOf(training);
        holdout = List.copyOf(holdout);
    }

    /**
     * Splits rows by label. Of each label's {@code n} rows, {@code round(n * fraction)} are held out, but at
     * least one and never all of them when {@code n >= 2}. The same labels, fraction and seed always give the
     * same split.
     *
     * @param labels   the label of each row, by row index
     * @param fraction the share to hold out, in (0, 1)
     * @param seed     the shuffle seed
     */
    static StratifiedSplit of(List<String> labels, double fraction, long seed) {
        Map<String, List<Integer>> byLabel = new TreeMap<>();
        for (int i = 0; i < labels.size(); i++) {
            byLabel.computeIfAbsent(labels.get(i), l -> new ArrayList<>()).add(i);
        }
        Random random = new Random(seed);
        List<Integer> training = new ArrayList<>();
        List<Integer> holdout = new ArrayList<>();
        for (List<Integer> rows : byLabel.values()) {
            Collections.shuffle(rows, random);
            int held = (int) Math.round(rows.size() * fraction);
            if (rows.size() >= 2) {
                held = Math.max(1, Math.min(rows.size() - 1, held));
            } else {
                held = 0;
            }
            holdout.addAll(rows.subList(0, held));
            training.addAll(rows.subList(held, rows.size()));
        }
        Collections.sort(training);
        Collections.sort(holdout);
        return new StratifiedSplit(training, holdout);
    }
}
