package dev.gatehouse.domain.call;

import java.util.Objects;

/** Whether a call body was accepted as belonging to its verified token. */
public sealed interface CallAdmission {

    record Admitted(VerifiedCall call) implements CallAdmission {
        public Admitted {
            Objects.requireNonNull(call, "call");
        }
    }

    record Refused(RejectionReason reason) implements CallAdmission {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
