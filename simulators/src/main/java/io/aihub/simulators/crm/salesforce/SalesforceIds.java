package io.aihub.simulators.crm.salesforce;

/** Salesforce record ids: 15-character case-sensitive base plus the 3-character case-safe suffix. */
public final class SalesforceIds {

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final String SUFFIX_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

    private SalesforceIds() {
    }

    /** The 18-character id of the {@code n}-th record with the given 3-character key prefix (e.g. 001). */
    public static String of(String keyPrefix, String podAndReserved, long n) {
        if (keyPrefix.length() != 3 || podAndReserved.length() != 3) {
            throw new IllegalArgumentException("key prefix and pod must be 3 characters each");
        }
        char[] digits = new char[9];
        long v = n;
        for (int i = digits.length - 1; i >= 0; i--) {
            digits[i] = BASE62.charAt((int) (v % 62));
            v /= 62;
        }
        return withSuffix(keyPrefix + podAndReserved + new String(digits));
    }

    /** Appends the case-safe checksum suffix to a 15-character id. */
    public static String withSuffix(String id15) {
        if (id15.length() != 15) {
            throw new IllegalArgumentException("a Salesforce base id has 15 characters");
        }
        StringBuilder out = new StringBuilder(id15);
        for (int block = 0; block < 3; block++) {
            int bits = 0;
            for (int i = 0; i < 5; i++) {
                char c = id15.charAt(block * 5 + i);
                if (c >= 'A' && c <= 'Z') {
                    bits |= 1 << i;
                }
            }
            out.append(SUFFIX_CHARS.charAt(bits));
        }
        return out.toString();
    }

    /**
     * The 18-character form of a well-formed id: 15 base-62 characters, optionally followed by the matching
     * case-safe suffix. Returns null for anything else.
     */
    public static String normalize(String id) {
        if (id == null || (id.length() != 15 && id.length() != 18)) {
            return null;
        }
        for (int i = 0; i < 15; i++) {
            if (BASE62.indexOf(id.charAt(i)) < 0) {
                return null;
            }
        }
        String full = withSuffix(id.substring(0, 15));
        return id.length() == 15 || full.equals(id) ? full : null;
    }
}
