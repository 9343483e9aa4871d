package dev.gatehouse.application.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.domain.port.StateNonces;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of {@link StateNonces} must do: a nonce is consumed once, whoever asks and however many
 * ask at the same moment. Run by the in-memory fake and by the Postgres adapter (callers on separate threads, so on
 * separate pooled connections, as replicas would be).
 */
public abstract class StateNoncesContract {

    private static final long PROMPTLY_SECONDS = 10;
    private static final int RACES = 20;

    private ExecutorService threads;

    protected abstract StateNonces nonces();

    @BeforeEach
    void startThreads() {
        threads = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void aNonceIsConsumedOnce() {
        String nonce = aNonce();
        assertThat(nonces().consume(nonce, inTenMinutes())).isTrue();
        assertThat(nonces().consume(nonce, inTenMinutes())).isFalse();
        assertThat(nonces().consume(nonce, inTenMinutes().plus(Duration.ofHours(1))))
                .as("a later expiry does not make a used nonce new")
                .isFalse();
    }

    @Test
    void otherNoncesAreNotAffected() {
        String first = aNonce();
        String second = aNonce();
        assertThat(nonces().consume(first, inTenMinutes())).isTrue();
        assertThat(nonces().consume(second, inTenMinutes())).isTrue();
        assertThat(nonces().consume(first, inTenMinutes())).isFalse();
        assertThat(nonces().consume(second, inTenMinutes())).isFalse();
    }

    @Test
    void ofTwoCallersRacingForOneNonceExactlyOneWins() throws Exception {
        for (int race = 0; race < RACES; race++) {
            String nonce = aNonce();
            Instant expiresAt = inTenMinutes();
            CyclicBarrier start = new CyclicBarrier(2);
            List<Future<Boolean>> callers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                callers.add(threads.submit(() -> {
                    start.await(PROMPTLY_SECONDS, TimeUnit.SECONDS);
                    return nonces().consume(nonce, expiresAt);
                }));
            }
            List<Boolean> won = new ArrayList<>();
            for (Future<Boolean> caller : callers) {
                won.add(caller.get(PROMPTLY_SECONDS, TimeUnit.SECONDS));
            }
            assertThat(won).as("race %d", race).containsExactlyInAnyOrder(true, false);
        }
    }

    @Test
    void refusesABlankNonce() {
        assertThatThrownBy(() -> nonces().consume(" ", inTenMinutes())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> nonces().consume(null, inTenMinutes())).isInstanceOf(IllegalArgumentException.class);
    }

    /** Unique across runs: the database adapter's table outlives a test. */
    private static String aNonce() {
        return "nonce-" + UUID.randomUUID();
    }

    /** A state's expiry as minted now (at most 10 minutes ahead); the real clock, since the database keeps one. */
    private static Instant inTenMinutes() {
        return Instant.now().plus(Duration.ofMinutes(10));
    }
}
