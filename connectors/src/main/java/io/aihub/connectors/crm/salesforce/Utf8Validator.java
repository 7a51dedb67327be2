package io.aihub.connectors.crm.salesforce;

/** Checks bytes for well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF). */
final class Utf8Validator {

    private Utf8Validator() {
    }

    /** True when {@code bytes[0..length)} is well-formed UTF-8. */
    static boolean isValid(byte[] bytes, int length) {
        int i = 0;
        while (i < length) {
            int b = bytes[i] & 0xFF;
            if (b < 0x80) {
                i++;
                continue;
            }
            int continuations;
            int min;
            int max;
            if (b >= 0xC2 && b <= 0xDF) {
                continuations = 1;
                min = 0x80;
                max = 0xBF;
            } else if (b >= 0xE0 && b <= 0xEF) {
                continuations = 2;
                min = b == 0xE0 ? 0xA0 : 0x80;
                max = b == 0xED ? 0x9F : 0xBF;
            } else if (b >= 0xF0 && b <= 0xF4) {
                continuations = 3;
                min = b == 0xF0 ? 0x90 : 0x80;
                max = b == 0xF4 ? 0x8F : 0xBF;
            } else {
                return false;
            }
            if (i + continuations >= length) {
                return false;
            }
            int second = bytes[i + 1] & 0xFF;
            if (second < min || second > max) {
                return false;
            }
            for (int k = 2; k <= continuations; k++) {
                int next = bytes[i + k] & 0xFF;
                if (next < 0x80 || next > 0xBF) {
                    return false;
                }
            }
            i += continuations + 1;
        }
        return true;
    }
}
