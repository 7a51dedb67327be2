package io.aihub.simulators.crm.salesforce;

import java.util.Objects;

/** A query Salesforce would refuse, with the error code it would answer ({@code MALFORMED_QUERY}, ...). */
final class SoqlException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String errorCode;

    SoqlException(String errorCode, String message) {
        super(message);
        this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
    }

    static SoqlException malformed(String message) {
        return new SoqlException("MALFORMED_QUERY", message);
    }

    static SoqlException unexpected(SoqlToken token) {
        String shown = token.kind() == SoqlToken.Kind.END ? "<EOF>" : token.text();
        return malformed("ERROR at Row:1:Column:" + (token.offset() + 1) + "\nunexpected token: '" + shown + "'");
    }

    String errorCode() {
        return errorCode;
    }
}
