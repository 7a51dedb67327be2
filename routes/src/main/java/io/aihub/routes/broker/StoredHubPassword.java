package io.aihub.routes.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The hub user's password when none is configured (the demo, {@code ./aihub run} with no environment): 32
 * random bytes, generated once into {@code <broker data>/hub-password}, readable by its owner only, and reused by
 * later runs and by commands on the same machine ({@code ./aihub dlq}, {@code ./aihub broker --check}, a hub
 * using {@code ./aihub broker} by URL). Whoever can read that folder can read the broker's journal anyway, so the
 * file gives away nothing more. Production sets {@code aihub.broker.password} from the environment.
 */
public final class StoredHubPassword {

    /** The file name inside the broker's data folder. */
    public static final String FILE = "hub-password";

    private StoredHubPassword() {
    }

    /** The stored password, if the broker generated one in {@code brokerDataDir}. */
    public static Optional<String> read(Path brokerDataDir) {
        Path file = brokerDataDir.resolve(FILE);
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            String text = Files.readString(file, StandardCharsets.UTF_8).trim();
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the hub's broker password file " + file, e);
        }
    }

    /** The stored password, generated now (owner-only file) if there is none yet. */
    public static synchronized String readOrCreate(Path brokerDataDir) {
        Optional<String> existing = read(brokerDataDir);
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Path file = brokerDataDir.resolve(FILE);
        try {
            Files.createDirectories(brokerDataDir);
            try {
                if (Files.getFileStore(brokerDataDir).supportsFileAttributeView("posix")) {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")));
                } else {
                    Files.createFile(file);
                }
            } catch (FileAlreadyExistsException raced) {
                return read(brokerDataDir).orElseThrow(() -> new IllegalStateException(file + " is empty"));
            }
            Files.writeString(file, password + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the hub's broker password file " + file, e);
        }
    }
}
