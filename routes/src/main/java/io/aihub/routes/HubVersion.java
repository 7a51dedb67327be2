package io.aihub.routes;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The aihub version, from the build. */
public final class HubVersion {

    private HubVersion() {
    }

    public static String current() {
        try (InputStream in = HubVersion.class.getResourceAsStream("/aihub-version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}
