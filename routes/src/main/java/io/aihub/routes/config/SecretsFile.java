package io.aihub.routes.config;

import io.aihub.api.error.ConfigException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * A properties file of credentials kept outside the repository ({@code --secrets FILE}, {@code aihub.secretsFile}
 * or {@code AIHUB_SECRETS_FILE}). The hub reads it as its first property location, so a key it holds (e.g.
 * {@code aihub.connector.crm.clientSecret}) wins over the configuration file and the built-in defaults, and a model's
 * {@code endpoint.apiKeyEnv} name may be defined in it too. It is refused when it lies inside a Git work tree
 * (it could be committed) or when every user of the machine may read or change it.
 */
public final class SecretsFile {

    /** The property naming the file ({@code -D} or in the {@code --config} file; relative to that file). */
    public static final String KEY = "aihub.secretsFile";
    /** The environment variable naming the file. */
    public static final String ENV = "AIHUB_SECRETS_FILE";

    private SecretsFile() {
    }

    /**
     * Where the secrets file is: {@code overrides} ({@code --secrets} and {@code -D}) first, then the environment,
     * then the configuration file's {@value #KEY}. Checked with {@link #check(Path)} before it is returned.
     *
     * @throws ConfigException when the named file is missing, inside a repository or readable by others
     */
    public static Optional<Path> locate(Map<String, String> overrides, Optional<Path> configFile,
            Map<String, String> environment) {
        Optional<Path> found = nonBlank(overrides.get(KEY)).map(Path::of)
                .or(() -> nonBlank(environment.get(ENV)).map(Path::of))
                .or(() -> configFile.flatMap(SecretsFile::namedIn));
        found.ifPresent(SecretsFile::check);
        return found.map(p -> p.toAbsolutePath().normalize());
    }

    private static Optional<Path> namedIn(Path configFile) {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
            props.load(in);
        } catch (IOException e) {
            return Optional.empty();
        }
        Path dir = configFile.toAbsolutePath().getParent();
        return nonBlank(props.getProperty(KEY)).map(name -> dir.resolve(name));
    }

    private static Optional<String> nonBlank(String text) {
        return Optional.ofNullable(text).map(String::trim).filter(s -> !s.isEmpty());
    }

    /**
     * Refuses a secrets file that is missing, not a regular file, inside a Git work tree, or that others may
     * read or write (POSIX file systems; elsewhere only the location is checked).
     *
     * @throws ConfigException naming the problem (never the file's content)
     */
    public static void check(Path file) {
        if (!Files.isRegularFile(file)) {
            throw refused(file, "is not a readable file (SECRETS_FILE_MISSING)");
        }
        Path real;
        try {
            real = file.toRealPath();
        } catch (IOException e) {
            throw refused(file, "cannot be resolved (SECRETS_FILE_MISSING)");
        }
        for (Path dir = real.getParent(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".git"))) {
                throw refused(file, "is inside the Git work tree " + dir + ", where it could be committed; keep it "
                        + "outside the repository (SECRETS_FILE_IN_REPOSITORY)");
            }
        }
        PosixFileAttributeView posix = Files.getFileAttributeView(real, PosixFileAttributeView.class);
        if (posix != null) {
            Set<PosixFilePermission> permissions;
            try {
                permissions = posix.readAttributes().permissions();
            } catch (IOException e) {
                throw refused(file, "permissions cannot be read (SECRETS_FILE_MISSING)");
            }
            if (permissions.contains(PosixFilePermission.OTHERS_READ)
                    || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
                throw refused(file, "may be read or written by every user of the machine; run chmod 600 on it "
                        + "(SECRETS_FILE_WORLD_READABLE)");
            }
        }
    }

    private static ConfigException refused(Path file, String problem) {
        return new ConfigException("secrets file", List.of(file.toAbsolutePath().normalize() + " " + problem));
    }
}
