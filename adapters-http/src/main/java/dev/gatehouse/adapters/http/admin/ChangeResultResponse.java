package dev.gatehouse.adapters.http.admin;

import dev.gatehouse.adapters.http.PublicUrl;
import dev.gatehouse.adapters.http.error.ErrorResponses;
import dev.gatehouse.application.installation.ChangeResult;
import dev.gatehouse.domain.installation.Secret;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

/** What each outcome of an operator's change looks like on the wire. */
@Singleton
final class ChangeResultResponse {

    private final PublicUrl publicUrl;
    private final ErrorResponses errors;

    ChangeResultResponse(PublicUrl publicUrl, ErrorResponses errors) {
        this.publicUrl = publicUrl;
        this.errors = errors;
    }

    HttpResponse<?> of(HttpRequest<?> request, ChangeResult result) {
        if (result instanceof ChangeResult.Changed changed) {
            return HttpResponse.ok(InstallationJson.of(changed.installation(), publicUrl));
        }
        if (result instanceof ChangeResult.SecretIssued issued) {
            return HttpResponse.ok(new SecretIssuedJson(
                    InstallationJson.of(issued.installation(), publicUrl),
                    issued.secret().value()));
        }
        if (result instanceof ChangeResult.Deleted) {
            return HttpResponse.noContent();
        }
        if (result instanceof ChangeResult.NotFound notFound) {
            return errors.of(request, HttpStatus.NOT_FOUND, "no installation with id " + notFound.id());
        }
        if (result instanceof ChangeResult.Conflict conflict) {
            return errors.of(
                    request,
                    HttpStatus.CONFLICT,
                    "installation " + conflict.id()
                            + " was changed by someone else at the same time; nothing was applied: read it again and retry");
        }
        if (result instanceof ChangeResult.WeakSecretRefused) {
            return errors.of(
                    request,
                    HttpStatus.BAD_REQUEST,
                    "secret must be at least " + Secret.STRONG_LENGTH
                            + " characters (weak secrets are refused unless gatehouse.secrets.allow-weak is on)");
        }
        if (result instanceof ChangeResult.Refused refused) {
            return errors.of(request, HttpStatus.BAD_REQUEST, refused.detail());
        }
        if (result instanceof ChangeResult.MattermostFailed failed) {
            return errors.of(request, HttpStatus.BAD_GATEWAY, failed.detail());
        }
        throw new IllegalStateException(
                "unmapped change result " + result.getClass().getName());
    }
}
