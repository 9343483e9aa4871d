package dev.gatehouse.adapters.http.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.adapters.http.PublicUrl;
import dev.gatehouse.adapters.http.error.ErrorResponses;
import dev.gatehouse.application.installation.ChangeResult;
import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.installation.InstallationFixtures;
import dev.gatehouse.domain.installation.Secret;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChangeResultResponseTest {

    // No console path here, so no template renderer is needed.
    final ChangeResultResponse responses = new ChangeResultResponse(
            new PublicUrl("https://gatehouse.example.com", 8080),
            new ErrorResponses(new dev.gatehouse.adapters.http.console.ConsolePages(null)));
    final Installation installation = InstallationFixtures.anActive();

    /** One example of each outcome, with the status it must map to. */
    final Map<Class<?>, Map.Entry<ChangeResult, Integer>> examples = Map.of(
            ChangeResult.Changed.class, Map.entry(new ChangeResult.Changed(installation), 200),
            ChangeResult.SecretIssued.class,
                    Map.entry(new ChangeResult.SecretIssued(installation, Secret.generate()), 200),
            ChangeResult.Deleted.class, Map.entry(new ChangeResult.Deleted(installation.id()), 204),
            ChangeResult.NotFound.class, Map.entry(new ChangeResult.NotFound(installation.id()), 404),
            ChangeResult.Conflict.class, Map.entry(new ChangeResult.Conflict(installation.id()), 409),
            ChangeResult.WeakSecretRefused.class, Map.entry(new ChangeResult.WeakSecretRefused(installation.id()), 400),
            ChangeResult.Refused.class, Map.entry(new ChangeResult.Refused(installation.id(), "no"), 400),
            ChangeResult.MattermostFailed.class,
                    Map.entry(new ChangeResult.MattermostFailed(installation.id(), "down"), 502));

    @Test
    void everyChangeResultIsMapped() {
        List<Class<?>> permitted = Arrays.asList(ChangeResult.class.getPermittedSubclasses());

        assertThat(examples.keySet()).containsExactlyInAnyOrderElementsOf(permitted);
        for (Class<?> type : permitted) {
            Map.Entry<ChangeResult, Integer> example = examples.get(type);
            HttpResponse<?> response =
                    responses.of(HttpRequest.GET("/admin/installations/" + installation.id()), example.getKey());
            assertThat(response.code()).as(type.getSimpleName()).isEqualTo(example.getValue());
        }
    }

    @Test
    void onlyTheSecretIssuedOutcomeCarriesTheSecret() {
        Secret secret = Secret.generate();

        Object body = responses
                .of(HttpRequest.GET("/"), new ChangeResult.SecretIssued(installation, secret))
                .body();

        assertThat(body).isInstanceOf(SecretIssuedJson.class);
        assertThat(((SecretIssuedJson) body).secret()).isEqualTo(secret.value());
        assertThat(body.toString()).doesNotContain(secret.value());
        assertThat(responses
                        .of(HttpRequest.GET("/"), new ChangeResult.Changed(installation))
                        .body())
                .isInstanceOf(InstallationJson.class);
    }
}
