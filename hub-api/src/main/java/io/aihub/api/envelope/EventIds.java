package io.aihub.api.envelope;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic event ids: the same route, record version and model version always give the same id, so
 * a re-read page produces the same ids and the broker's duplicate detection and the sinks' upserts make
 * the re-read invisible.
 */
public final class EventIds {

    /** One digest per thread: looking one up costs a provider search per call, and a digest is not thread-safe. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(EventIds::newSha256);

    private EventIds() {
    }

    /**
     * Returns a UUID-formatted (version 8, RFC 9562) id derived from SHA-256 of the parts, each
     * length-prefixed so that no two different part lists hash the same text.
     */
    public static String of(String routeId, String system, String entity, String recordId, String recordVersion,
            String modelVersion) {
        StringBuilder text = new StringBuilder(128);
        for (String part : new String[] {routeId, system, entity, recordId, recordVersion, modelVersion}) {
            String p = part == null ? "" : part;
            text.append(p.length()).append(':').append(p).append('|');
        }
        byte[] hash = sha256(text.toString().getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x80);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        String hex = HexFormat.of().formatHex(hash, 0, 16);
        return hex.substring(0, 8) + '-' + hex.substring(8, 12) + '-' + hex.substring(12, 16) + '-'
                + hex.substring(16, 20) + '-' + hex.substring(20, 32);
    }

    /** Hex SHA-256 of UTF-8 text. */
    public static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] sha256(byte[] bytes) {
        return SHA_256.get().digest(bytes);
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
