package dev.gatehouse.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.domain.port.ConsoleSignInLinks;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What every {@link ConsoleSignInLinks} must do: a link signs in once, before it expires, whoever races for it. */
public abstract class ConsoleSignInLinksContract {

    protected abstract ConsoleSignInLinks links();

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @Test
    void aLinkIsSpentOnceAndAnswersItsOperator() {
        String digest = aDigest();
        links().add(digest, "alice", NOW.plus(Duration.ofMinutes(10)));
        assertThat(links().spend(digest, NOW)).contains("alice");
        assertThat(links().spend(digest, NOW)).isEmpty();
    }

    @Test
    void anExpiredOrUnknownLinkSignsNobodyIn() {
        String digest = aDigest();
        links().add(digest, "bob", NOW.plus(Duration.ofMinutes(1)));
        assertThat(links().spend(digest, NOW.plus(Duration.ofMinutes(1)))).isEmpty();
        assertThat(links().spend(aDigest(), NOW)).isEmpty();
    }

    @Test
    void ofTwoRacingSpendsOnlyOneSignsIn() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int race = 0; race < 10; race++) {
                String digest = aDigest();
                links().add(digest, "carol", NOW.plus(Duration.ofMinutes(10)));
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<Optional<String>>> both = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    both.add(threads.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        return links().spend(digest, NOW);
                    }));
                }
                long winners = 0;
                for (Future<Optional<String>> f : both) {
                    winners += f.get(10, TimeUnit.SECONDS).isPresent() ? 1 : 0;
                }
                assertThat(winners).isEqualTo(1);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static String aDigest() {
        return UUID.randomUUID().toString().replace("-", "")
                + UUID.randomUUID().toString().replace("-", "");
    }
}
