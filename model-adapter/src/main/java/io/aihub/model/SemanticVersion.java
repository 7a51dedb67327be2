package io.aihub.model;

import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A model version, {@code MAJOR.MINOR.PATCH} with an optional {@code -pre.release} part, ordered as Semantic
 * Versioning 2.0 orders them: numerically by part, and a pre-release before its release
 * ({@code 1.0.0-rc.1 < 1.0.0 < 1.10.0}).
 *
 * @param major      major version, not negative
 * @param minor      minor version, not negative
 * @param patch      patch version, not negative
 * @param preRelease the dot-separated pre-release identifiers, or null for a release
 */
public record SemanticVersion(int major, int minor, int patch, String preRelease)
        implements Comparable<SemanticVersion> {

    private static final Pattern FORMAT = Pattern.compile(
            "(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?");
    private static final Comparator<SemanticVersion> RELEASE_ORDER = Comparator
            .comparingInt(SemanticVersion::major)
            .thenComparingInt(SemanticVersion::minor)
            .thenComparingInt(SemanticVersion::patch);

    public SemanticVersion {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("version parts must not be negative");
        }
        if (preRelease != null && !FORMAT.matcher("0.0.0-" + preRelease).matches()) {
            throw new IllegalArgumentException("invalid pre-release part");
        }
    }

    /**
     * Parses {@code 1.2.3} or {@code 1.2.3-rc.1}.
     *
     * @throws IllegalArgumentException when the text is not a semantic version
     */
    public static SemanticVersion parse(String text) {
        return tryParse(text).orElseThrow(() -> new IllegalArgumentException(
                "'" + text + "' is not a semantic version like 1.0.0"));
    }

    /** Parses the text, or returns empty when it is not a semantic version. */
    public static Optional<SemanticVersion> tryParse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new SemanticVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), m.group(4)));
    }

    /** A single number for formats that want one (ONNX {@code model_version}): major, minor, patch in thousands. */
    public long asNumber() {
        return major * 1_000_000L + minor * 1_000L + patch;
    }

    @Override
    public int compareTo(SemanticVersion other) {
        int release = RELEASE_ORDER.compare(this, other);
        if (release != 0) {
            return release;
        }
        if (Objects.equals(preRelease, other.preRelease)) {
            return 0;
        }
        if (preRelease == null) {
            return 1;
        }
        if (other.preRelease == null) {
            return -1;
        }
        return comparePreRelease(preRelease.split("\\."), other.preRelease.split("\\."));
    }

    private static int comparePreRelease(String[] mine, String[] theirs) {
        for (int i = 0; i < Math.min(mine.length, theirs.length); i++) {
            boolean myNumber = mine[i].chars().allMatch(Character::isDigit);
            boolean theirNumber = theirs[i].chars().allMatch(Character::isDigit);
            int result;
            if (myNumber && theirNumber) {
                result = Long.compare(Long.parseLong(mine[i]), Long.parseLong(theirs[i]));
            } else if (myNumber != theirNumber) {
                result = myNumber ? -1 : 1;
            } else {
                result = mine[i].compareTo(theirs[i]);
            }
            if (result != 0) {
                return result;
            }
        }
        return Integer.compare(mine.length, theirs.length);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch + (preRelease == null ? "" : "-" + preRelease);
    }
}
