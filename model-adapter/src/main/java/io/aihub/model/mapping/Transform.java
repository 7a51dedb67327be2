package io.aihub.model.mapping;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One step that turns a record field into a model input. In YAML a step without parameters is a bare word
 * ({@code log1p}, {@code indicator-missing}) and a step with parameters is a one-key map
 * ({@code standardize: {mean: 2.1, std: 0.9}}).
 *
 * <p>Two kinds exist. A {@link SourceEncoder} reads the raw field value and may only be the first step; a
 * {@link NumericTransform} takes the number produced so far. A {@link RecordEncoder} is a source encoder that
 * reads further record fields besides the feature's own.
 */
@JsonSerialize(using = TransformYaml.Writer.class)
@JsonDeserialize(using = TransformYaml.Reader.class)
public sealed interface Transform permits Transform.SourceEncoder, Transform.NumericTransform {

    /** The YAML name of this step, e.g. {@code one-hot}. */
    String kind();

    /** A step that reads the raw field value (before any default is applied); always the first step. */
    sealed interface SourceEncoder extends Transform permits OneHot, IndicatorMissing, RecordEncoder {
    }

    /**
     * A source encoder that reads more record fields than the feature's own {@code field}. The mapping passes
     * it the whole record; {@link FeatureMapping#sourceFields()} lists these fields and
     * {@link FeatureMapping#withSourceFields(Map)} renames them.
     */
    sealed interface RecordEncoder extends SourceEncoder permits DaysUntil, Concat, WordHash {

        /** The record fields read besides the feature's own, in order; may be empty. */
        List<String> otherFields();

        /** A copy reading the renamed fields ({@code renames}: field read → field to read instead). */
        RecordEncoder renamed(Map<String, String> renames);
    }

    /** A step from number to number. */
    sealed interface NumericTransform extends Transform permits Log1p, Standardize, Clip, Bucketize {

        /**
         * Applies the step. Returns a non-finite value when the input is outside the step's domain (only
         * {@code log1p} has a restricted domain); the caller reports that as a bad value.
         */
        double apply(double value);
    }

    /** {@code log1p}: {@code ln(1 + x)}; defined for {@code x > -1}. */
    record Log1p() implements NumericTransform {

        public static final String KIND = "log1p";

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public double apply(double value) {
            return value > -1 ? Math.log1p(value) : Double.NaN;
        }
    }

    /**
     * {@code standardize}: {@code (x - mean) / std}. A training spec may leave both parameters out; the
     * trainer then fits them on the training rows. A model descriptor must carry fitted values.
     *
     * @param mean the fitted mean, or null before fitting
     * @param std  the fitted standard deviation (positive), or null before fitting
     */
    record Standardize(Double mean, Double std) implements NumericTransform {

        public static final String KIND = "standardize";

        public Standardize {
            if ((mean == null) != (std == null)) {
                throw new IllegalArgumentException("standardize needs both mean and std, or neither (to be fitted)");
            }
            if (mean != null && !Double.isFinite(mean)) {
                throw new IllegalArgumentException("standardize mean must be a finite number");
            }
            if (std != null && !(Double.isFinite(std) && std > 0)) {
                throw new IllegalArgumentException("standardize std must be a finite number above 0");
            }
        }

        /** An unfitted step, as written in a training spec. */
        public static Standardize unfitted() {
            return new Standardize(null, null);
        }

        /** True once mean and std are known. */
        public boolean fitted() {
            return mean != null;
        }

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public double apply(double value) {
            if (!fitted()) {
                throw new IllegalStateException("standardize has not been fitted");
            }
            return (value - mean) / std;
        }
    }

    /**
     * {@code clip}: limits the value to {@code [min, max]}; either bound may be left out.
     *
     * @param min the lower bound, or null for none
     * @param max the upper bound, or null for none
     */
    record Clip(Double min, Double max) implements NumericTransform {

        public static final String KIND = "clip";

        public Clip {
            if (min == null && max == null) {
                throw new IllegalArgumentException("clip needs min, max or both");
            }
            if ((min != null && !Double.isFinite(min)) || (max != null && !Double.isFinite(max))) {
                throw new IllegalArgumentException("clip bounds must be finite numbers");
            }
            if (min != null && max != null && min > max) {
                throw new IllegalArgumentException("clip min must not be above max");
            }
        }

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public double apply(double value) {
            double result = value;
            if (min != null) {
                result = Math.max(min, result);
            }
            if (max != null) {
                result = Math.min(max, result);
            }
            return result;
        }
    }

    /**
     * {@code bucketize}: the index of the bucket the value falls in, i.e. how many boundaries are at or below
     * it: with boundaries {@code [10, 100]}, 5 gives 0, 10 gives 1, 500 gives 2.
     *
     * @param boundaries strictly increasing, finite, at least one
     */
    record Bucketize(List<Double> boundaries) implements NumericTransform {

        public static final String KIND = "bucketize";

        public Bucketize {
            boundaries = List.copyOf(Objects.requireNonNull(boundaries, "boundaries"));
            if (boundaries.isEmpty()) {
                throw new IllegalArgumentException("bucketize needs at least one boundary");
            }
            for (int i = 0; i < boundaries.size(); i++) {
                if (!Double.isFinite(boundaries.get(i))) {
                    throw new IllegalArgumentException("bucketize boundaries must be finite numbers");
                }
                if (i > 0 && boundaries.get(i) <= boundaries.get(i - 1)) {
                    throw new IllegalArgumentException("bucketize boundaries must be strictly increasing");
                }
            }
        }

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public double apply(double value) {
            int bucket = 0;
            while (bucket < boundaries.size() && value >= boundaries.get(bucket)) {
                bucket++;
            }
            return bucket;
        }
    }

    /**
     * {@code one-hot}: 1.0 when the field equals {@code value}, else 0.0. Numbers compare numerically
     * ({@code 3} equals {@code 3.0}), everything else as text.
     *
     * @param value the value that gives 1.0
     */
    record OneHot(String value) implements SourceEncoder {

        public static final String KIND = "one-hot";

        public OneHot {
            Objects.requireNonNull(value, "one-hot value");
        }

        @Override
        public String kind() {
            return KIND;
        }
    }

    /** {@code indicator-missing}: 1.0 when the field is absent or null, else 0.0. Never fails. */
    record IndicatorMissing() implements SourceEncoder {

        public static final String KIND = "indicator-missing";

        @Override
        public String kind() {
            return KIND;
        }
    }

    /**
     * {@code days-until}: the number of days from the feature's date field until either another date field of
     * the same record ({@code field}, e.g. {@code ClosedDate} for a feature reading {@code CreatedDate}) or a
     * fixed instant ({@code reference}); exactly one of the two. Negative when the end lies before the start.
     * Days are fractional (elapsed milliseconds / 86,400,000); a date without a time is midnight UTC, so two
     * dates give whole days. Never "now": the same record version always gives the same value.
     *
     * @param field     the record field holding the end, or null when {@code reference} is set
     * @param reference the fixed end, or null when {@code field} is set
     */
    record DaysUntil(String field, Instant reference) implements RecordEncoder {

        public static final String KIND = "days-until";

        private static final double MILLIS_PER_DAY = Duration.ofDays(1).toMillis();

        public DaysUntil {
            if ((field == null || field.isBlank()) == (reference == null)) {
                throw new IllegalArgumentException("days-until needs either 'field' (another date field) or"
                        + " 'reference' (a fixed ISO-8601 instant), not both");
            }
        }

        /** The days from {@code start} until {@code end}, fractional. */
        public static double between(Instant start, Instant end) {
            return Duration.between(start, end).toMillis() / MILLIS_PER_DAY;
        }

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public List<String> otherFields() {
            return field == null ? List.of() : List.of(field);
        }

        @Override
        public DaysUntil renamed(Map<String, String> renames) {
            return field == null ? this : new DaysUntil(renames.getOrDefault(field, field), null);
        }
    }

    /**
     * {@code concat}: text made of the feature's field followed by {@code fields}, joined with
     * {@code separator}, for {@code type: string} features (e.g. a ticket's subject and description for a text
     * model). A missing (absent or null) field is left out, or replaced by {@code missing} when set; when
     * every field is missing the feature's {@code default} applies. Numbers and booleans are written as text.
     * The result is cut to {@code maxLength} code points, never inside a surrogate pair.
     *
     * @param fields    the further fields, in order; at least one
     * @param separator put between two parts; may be empty; default a space
     * @param maxLength the longest result in code points, above 0; default {@value #DEFAULT_MAX_LENGTH}
     * @param missing   the text standing in for a missing field, or null to leave it out
     */
    record Concat(List<String> fields, String separator, Integer maxLength, String missing) implements RecordEncoder {

        public static final String KIND = "concat";
        /** The separator when none is given. */
        public static final String DEFAULT_SEPARATOR = " ";
        /** The longest result, in code points, when no {@code maxLength} is given. */
        public static final int DEFAULT_MAX_LENGTH = 4000;

        public Concat {
            if (fields == null || fields.isEmpty() || fields.stream().anyMatch(f -> f == null || f.isBlank())) {
                throw new IllegalArgumentException("concat needs 'fields': a list of at least one field name");
            }
            fields = List.copyOf(fields);
            separator = separator == null ? DEFAULT_SEPARATOR : separator;
            maxLength = maxLength == null ? DEFAULT_MAX_LENGTH : maxLength;
            if (maxLength < 1) {
                throw new IllegalArgumentException("concat maxLength must be at least 1");
            }
        }

        /**
         * Joins the parts present (or replaced by {@code missing}) and cuts the result to {@code maxLength}.
         *
         * @param parts the texts of the feature's field and of {@code fields}, in order; null for a missing one
         * @return the text, or null when every part was missing and {@code missing} is not set
         */
        public String join(List<String> parts) {
            if (parts.stream().allMatch(Objects::isNull)) {
                return null;
            }
            List<String> kept = new ArrayList<>(parts.size());
            for (String part : parts) {
                if (part != null) {
                    kept.add(part);
                } else if (missing != null) {
                    kept.add(missing);
                }
            }
            return truncate(String.join(separator, kept), maxLength);
        }

        /** The first {@code maxLength} code points of {@code text}. */
        static String truncate(String text, int maxLength) {
            if (text.length() <= maxLength || text.codePointCount(0, text.length()) <= maxLength) {
                return text;
            }
            return text.substring(0, text.offsetByCodePoints(0, maxLength));
        }

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public List<String> otherFields() {
            return fields;
        }

        @Override
        public Concat renamed(Map<String, String> renames) {
            return new Concat(fields.stream().map(f -> renames.getOrDefault(f, f)).toList(), separator, maxLength,
                    missing);
        }
    }

    /**
     * {@code word-hash}: how many words of the feature's field and {@code fields} fall into hash bucket
     * {@code bucket} of {@code buckets} (the hashing trick: a fixed-size bag of words without a vocabulary). Words
     * are the runs of letters and digits, lower-cased; a word's bucket is its 32-bit FNV-1a hash (over UTF-8)
     * modulo {@code buckets}, so the same word lands in the same bucket on every machine. A text model uses one
     * feature per bucket ({@code bucket: 0} to {@code buckets - 1}) over the same fields. Missing fields count no
     * words; when every field is missing the feature's {@code default} applies.
     *
     * @param fields  the further fields whose words count too, in order; may be empty
     * @param buckets the number of buckets, 2 to 65536
     * @param bucket  the bucket this feature counts, 0 to {@code buckets - 1}
     */
    record WordHash(List<String> fields, int buckets, int bucket) implements RecordEncoder {

        public static final String KIND = "word-hash";
        private static final java.util.regex.Pattern NON_WORD = java.util.regex.Pattern.compile("[^\\p{L}\\p{N}]+");

        public WordHash {
            fields = fields == null ? List.of() : List.copyOf(fields);
            if (fields.stream().anyMatch(f -> f == null || f.isBlank())) {
                throw new IllegalArgumentException("word-hash fields must be field names");
            }
            if (buckets < 2 || buckets > 65_536) {
                throw new IllegalArgumentException("word-hash buckets must be between 2 and 65536");
            }
            if (bucket < 0 || bucket >= buckets) {
                throw new IllegalArgumentException("word-hash bucket must be between 0 and buckets - 1");
            }
        }

        /** The words of {@code text}: runs of letters and digits, lower-cased. */
        public static List<String> words(String text) {
            List<String> words = new ArrayList<>();
            for (String word : NON_WORD.split(text.toLowerCase(java.util.Locale.ROOT))) {
                if (!word.isEmpty()) {
                    words.add(word);
                }
            }
            return words;
        }

        /** The bucket of {@code word} among {@code buckets}: FNV-1a (32 bit) over its UTF-8 bytes. */
        public static int bucketOf(String word, int buckets) {
            int hash = 0x811c9dc5;
            for (byte b : word.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                hash ^= b & 0xff;
                hash *= 0x01000193;
            }
            return Integer.remainderUnsigned(hash, buckets);
        }

        /** How many words of {@code texts} (nulls skipped) fall into this step's bucket. */
        public int count(List<String> texts) {
            int count = 0;
            for (String text : texts) {
                if (text == null) {
                    continue;
                }
                for (String word : words(text)) {
                    if (bucketOf(word, buckets) == bucket) {
                        count++;
                    }
                }
            }
            return count;
        }

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public List<String> otherFields() {
            return fields;
        }

        @Override
        public WordHash renamed(Map<String, String> renames) {
            return new WordHash(fields.stream().map(f -> renames.getOrDefault(f, f)).toList(), buckets, bucket);
        }
    }
}
