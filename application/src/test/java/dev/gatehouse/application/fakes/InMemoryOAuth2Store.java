package dev.gatehouse.application.fakes;

import dev.gatehouse.domain.call.ActingUser;
import dev.gatehouse.domain.call.VerifiedCall;
import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.oauth2.OAuth2ClientCredentials;
import dev.gatehouse.domain.oauth2.OAuth2Token;
import dev.gatehouse.domain.oauth2.Stored;
import dev.gatehouse.domain.port.OAuth2Store;
import dev.gatehouse.domain.port.StorageUnavailableException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Gatehouse's own OAuth2 storage (the slash-command ingress's) in memory: a client per installation, a token per user. */
public final class InMemoryOAuth2Store implements OAuth2Store {

    private final Map<InstallationId, OAuth2ClientCredentials> clients = new ConcurrentHashMap<>();
    private final Map<String, OAuth2Token> tokens = new ConcurrentHashMap<>();
    private volatile boolean outage;

    /** While on, every operation fails as a database outage does. */
    public void outage(boolean on) {
        outage = on;
    }

    @Override
    public Stored<OAuth2ClientCredentials> loadClient(VerifiedCall call) {
        up();
        OAuth2ClientCredentials client = clients.get(call.installation().id());
        return client == null ? Stored.absent() : Stored.of(client);
    }

    @Override
    public void saveClient(VerifiedCall call, OAuth2ClientCredentials client) {
        up();
        clients.put(call.installation().id(), client);
    }

    @Override
    public Stored<OAuth2Token> loadUserToken(VerifiedCall call) {
        up();
        OAuth2Token token = tokens.get(key(call));
        return token == null ? Stored.absent() : Stored.of(token);
    }

    @Override
    public void saveUserToken(VerifiedCall call, OAuth2Token token) {
        up();
        tokens.put(key(call), token);
    }

    @Override
    public void clearUserToken(VerifiedCall call) {
        up();
        tokens.remove(key(call));
    }

    private static String key(VerifiedCall call) {
        String user = call.actingUser()
                .map(ActingUser::id)
                .orElseThrow(() -> new IllegalArgumentException("a user's token needs the acting user"));
        return call.installation().id() + ":" + user;
    }

    private void up() {
        if (outage) {
            throw new StorageUnavailableException("database unavailable", null);
        }
    }
}
