package io.aihub.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.FromStringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializerBase;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.aihub.api.error.ConfigException;
import io.aihub.api.error.PermanentException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads and writes the module's YAML files ({@code model.yaml}, {@code training.yaml}) with explicit limits:
 * at most {@value #MAX_FILE_BYTES} bytes, nesting depth {@value #MAX_DEPTH}, no more than
 * {@value #MAX_ALIASES} aliases, strings up to {@value #MAX_STRING_LENGTH} characters, no duplicate keys and
 * no unknown keys.
 */
public final class ModelYaml {

    /** Largest YAML file read, in bytes. */
    public static final int MAX_FILE_BYTES = 1 << 20;
    /** Deepest nesting of maps and lists. */
    public static final int MAX_DEPTH = 32;
    /** Most YAML aliases in one file (guards against alias expansion bombs). */
    public static final int MAX_ALIASES = 20;
    /** Longest string value. */
    public static final int MAX_STRING_LENGTH = 65_536;

    private static final ObjectMapper MAPPER = createMapper();

    private ModelYaml() {
    }

    private static ObjectMapper createMapper() {
        LoaderOptions loader = new LoaderOptions();
        loader.setCodePointLimit(MAX_FILE_BYTES);
        loader.setNestingDepthLimit(MAX_DEPTH);
        loader.setMaxAliasesForCollections(MAX_ALIASES);
        loader.setAllowDuplicateKeys(false);
        YAMLFactory factory = YAMLFactory.builder()
                .loaderOptions(loader)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_DEPTH)
                        .maxStringLength(MAX_STRING_LENGTH)
                        .maxNumberLength(64)
                        .build())
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                .build();
        SimpleModule durations = new SimpleModule("aihub-durations");
        durations.addDeserializer(Duration.class, new FromStringDeserializer<>(Duration.class) {
            @Override
            protected Duration _deserialize(String value, DeserializationContext context) {
                return DurationText.parse(value);
            }
        });
        durations.addSerializer(Duration.class, new ToStringSerializerBase(Duration.class) {
            @Override
            public String valueToString(Object value) {
                return DurationText.format((Duration) value);
            }
        });
        return new YAMLMapper(factory)
                .registerModule(durations)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /**
     * Reads one YAML document into {@code type}, whose constructors validate it.
     *
     * @throws ConfigException naming the file and every problem found
     */
    public static <T> T read(Path file, Class<T> type) {
        String subject = file.toString();
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new ConfigException(subject, List.of("file has " + size + " bytes; at most " + MAX_FILE_BYTES
                        + " are read"));
            }
            try (InputStream in = Files.newInputStream(file)) {
                T value = MAPPER.readValue(in, type);
                if (value == null) {
                    throw new ConfigException(subject, List.of("file is empty"));
                }
                return value;
            }
        } catch (JsonMappingException e) {
            throw new ConfigException(subject, describe(e));
        } catch (JsonProcessingException e) {
            throw new ConfigException(subject, List.of("not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")")));
        } catch (IOException e) {
            throw new ConfigException(subject, List.of("cannot read: " + e.getClass().getSimpleName() + ": "
                    + e.getMessage()));
        }
    }

    /**
     * Writes {@code value} as YAML through a temporary file in the same folder, then moves it into place.
     *
     * @throws PermanentException {@code MODEL_WRITE_FAILED} when the file cannot be written
     */
    public static void write(Path file, Object value) {
        Path folder = file.toAbsolutePath().getParent();
        Path temporary = null;
        try {
            Files.createDirectories(folder);
            temporary = Files.createTempFile(folder, "." + file.getFileName(), ".tmp");
            MAPPER.writeValue(temporary.toFile(), value);
            moveIntoPlace(temporary, file);
        } catch (IOException e) {
            throw new PermanentException("MODEL_WRITE_FAILED", "cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(temporary);
        }
    }

    /**
     * Moves a finished temporary file over the target, atomically where the file system allows, making it
     * readable by everyone ({@code rw-r--r--}) where permissions are POSIX.
     */
    public static void moveIntoPlace(Path temporary, Path target) throws IOException {
        if (Files.getFileStore(temporary).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
        }
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path temporary) {
        if (temporary != null) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // Best effort: a leftover hidden temporary file is harmless.
            }
        }
    }

    private static List<String> describe(JsonMappingException e) {
        Throwable cause = e.getCause();
        String where = e.getPath().isEmpty() ? "" : "at " + path(e) + ": ";
        if (cause instanceof ConfigException config) {
            return config.problems().stream().map(p -> where + p).toList();
        }
        if (cause instanceof IllegalArgumentException || cause instanceof NullPointerException) {
            return List.of(where + cause.getMessage());
        }
        return List.of(where + e.getOriginalMessage()
                + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
