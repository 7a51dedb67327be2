package io.aihub.connectors.portal.webhook;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link WebhookVerifier#verify}: either verified, or failed with one reason.
 *
 * @param failure             why verification failed; null when it succeeded
 * @param signedWithPrevious  true when only the previous secret (rotation) produced a matching signature; lets
 *                            operators see when the sender has switched to the new secret. Always false on failure
 */
public record Verification(VerificationFailure failure, boolean signedWithPrevious) {

    private static final Verification VERIFIED = new Verification(null, false);
    private static final Verification VERIFIED_WITH_PREVIOUS = new Verification(null, true);

    public Verification {
        if (failure != null && signedWithPrevious) {
            throw new IllegalArgumentException("a failed verification matched no secret");
        }
    }

    /** A successful verification. */
    public static Verification verified(boolean signedWithPrevious) {
        return signedWithPrevious ? VERIFIED_WITH_PREVIOUS : VERIFIED;
    }

    /** A failed verification. */
    public static Verification failed(VerificationFailure failure) {
        return new Verification(Objects.requireNonNull(failure, "failure"), false);
    }

    /** True when the request is authentic and (for timestamped schemes) fresh. */
    public boolean ok() {
        return failure == null;
    }

    /** The reason, when verification failed. */
    public Optional<VerificationFailure> reason() {
        return Optional.ofNullable(failure);
    }
}
