package dev.gatehouse.domain.call;

import java.util.Objects;

/** What checking a call token came to: its claims, or why it was refused. */
public sealed interface TokenVerification {

    record Verified(CallClaims claims) implements TokenVerification {
        public Verified {
            Objects.requireNonNull(claims, "claims");
        }
    }

    record Rejected(RejectionReason reason) implements TokenVerification {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
