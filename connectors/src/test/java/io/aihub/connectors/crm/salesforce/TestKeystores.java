package io.aihub.connectors.crm.salesforce;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * PKCS12 keystores for JWT bearer tests, made by the JDK's own {@code keytool} (an RSA key pair with a
 * self-signed certificate, as a connected app's certificate is made).
 */
final class TestKeystores {

    private TestKeystores() {
    }

    /** Creates {@code dir/<alias>.p12} holding a 2048-bit RSA key pair under {@code alias}. */
    static Path create(Path dir, String alias, String password) throws IOException, InterruptedException {
        Path keystore = dir.resolve(alias + ".p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-keyalg", "RSA",
                "-keysize", "2048", "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", password,
                "-keypass", password, "-alias", alias, "-dname", "CN=aihub-test", "-validity", "2", "-noprompt"))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(alias + ".keytool.log").toFile())
                .start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("keytool did not finish within 60 s");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + Files.readString(dir.resolve(alias + ".keytool.log")));
        }
        return keystore;
    }

    /** The certificate stored with the key under {@code alias}. */
    static X509Certificate certificate(Path keystore, String alias, String password)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, password.toCharArray());
        }
        return (X509Certificate) store.getCertificate(alias);
    }
}
