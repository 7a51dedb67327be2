package io.aihub.routes.cli;

import io.aihub.routes.api.ApiRole;
import io.aihub.routes.api.TokenHash;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./aihub api-token new|hash}: makes admin API tokens and the hashes the configuration holds instead of
 * them. A token is never read from the command line (shell history, process list): {@code hash} reads it from
 * standard input.
 */
@Command(name = "api-token", mixinStandardHelpOptions = true,
        description = "Makes admin API tokens and their hashes (the configuration holds the hash, never the token).",
        subcommands = {ApiTokenCommand.NewCommand.class, ApiTokenCommand.HashCommand.class})
public final class ApiTokenCommand implements Runnable {

    @Override
    public void run() {
        System.out.println("usage: ./aihub api-token new --name <name> --role read-only|operator [--pbkdf2]"
                + " | ./aihub api-token hash [--pbkdf2] < token-file");
    }

    static String hash(String token, boolean pbkdf2) {
        return pbkdf2 ? TokenHash.pbkdf2(token, TokenHash.DEFAULT_ITERATIONS, new SecureRandom())
                : TokenHash.sha256(token);
    }

    @Command(name = "new", mixinStandardHelpOptions = true,
            description = "Makes a random token (256 bits) and prints it once, with the configuration lines that "
                    + "hold its hash and role.")
    static final class NewCommand implements Callable<Integer> {
        @Option(names = "--name", required = true, paramLabel = "NAME",
                description = "The token's name (letters, digits, - and _), shown in logs instead of the token.")
        String name;

        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "read-only or operator.")
        String role;

        @Option(names = "--pbkdf2", description = "Hash with PBKDF2 instead of SHA-256 (slower to check).")
        boolean pbkdf2;

        PrintStream out = System.out;

        @Override
        public Integer call() {
            ApiRole parsed = ApiRole.parse(role);
            if (!name.matches("[A-Za-z0-9_-]{1,64}")) {
                throw new IllegalArgumentException("--name must be letters, digits, '-' or '_' (at most 64)");
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String token = "aihub_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            out.println("token (shown once; give it to its user, keep it out of files and URLs):");
            out.println(token);
            out.println();
            out.println("configuration (a properties file, or -D options):");
            out.println("aihub.api.token." + name + ".hash = " + hash(token, pbkdf2));
            out.println("aihub.api.token." + name + ".role = " + parsed.configName());
            return 0;
        }
    }

    @Command(name = "hash", mixinStandardHelpOptions = true,
            description = "Reads a token from standard input (first line) and prints its hash for "
                    + "aihub.api.token.<name>.hash.")
    static final class HashCommand implements Callable<Integer> {
        @Option(names = "--pbkdf2", description = "Hash with PBKDF2 instead of SHA-256 (for tokens a person chose).")
        boolean pbkdf2;

        @Override
        public Integer call() throws Exception {
            String token;
            if (System.console() != null) {
                char[] typed = System.console().readPassword("token: ");
                token = typed == null ? null : new String(typed);
            } else {
                token = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            }
            if (token == null || token.isBlank()) {
                System.err.println("error: no token on standard input");
                return 2;
            }
            System.out.println(hash(token.strip(), pbkdf2));
            return 0;
        }
    }
}
