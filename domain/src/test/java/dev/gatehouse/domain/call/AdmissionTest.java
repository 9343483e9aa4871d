package dev.gatehouse.domain.call;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AdmissionTest {

    @Test
    void mapsWhatWasAdmittedAndKeepsARefusalAsItIs() {
        assertThat(Admission.admitted(2).map(n -> n * 21)).isEqualTo(Admission.admitted(42));
        Admission<Integer> refused = Admission.refused(RejectionReason.TOKEN_EXPIRED);
        assertThat(refused.map(n -> n * 21)).isEqualTo(Admission.refused(RejectionReason.TOKEN_EXPIRED));
    }

    @Test
    void chainsTheNextCheckOnlyAfterAnAdmission() {
        assertThat(Admission.admitted(2).flatMap(n -> Admission.admitted(n + 1)))
                .isEqualTo(Admission.admitted(3));
        assertThat(Admission.admitted(2).flatMap(n -> Admission.<Integer>refused(RejectionReason.TOKEN_EXPIRED)))
                .isEqualTo(Admission.refused(RejectionReason.TOKEN_EXPIRED));
        Admission<Integer> refused = Admission.refused(RejectionReason.INSTALLATION_UNKNOWN);
        assertThat(refused.flatMap(n -> Admission.admitted(n + 1)))
                .isEqualTo(Admission.refused(RejectionReason.INSTALLATION_UNKNOWN));
    }

    @Test
    void everyKindOfAdmissionIsMapped() {
        // map() ends in an instanceof chain: a new kind must be added there (STYLE.md "Outcomes and errors").
        for (Class<?> kind : Admission.class.getPermittedSubclasses()) {
            Admission<Integer> admission = kind == Admission.Admitted.class
                    ? Admission.admitted(1)
                    : Admission.refused(RejectionReason.BODY_MALFORMED);
            assertThat(admission).isInstanceOf(kind);
            assertThat(admission.map(n -> n)).isInstanceOf(kind);
        }
    }
}
