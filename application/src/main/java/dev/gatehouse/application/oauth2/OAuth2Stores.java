package dev.gatehouse.application.oauth2;

import dev.gatehouse.domain.call.Ingress;
import dev.gatehouse.domain.call.VerifiedCall;
import dev.gatehouse.domain.port.Mattermost;
import dev.gatehouse.domain.port.OAuth2Store;
import java.util.EnumMap;
import java.util.Map;

/** The {@link OAuth2Store} of a call's ingress: the Apps plugin's storage, or Gatehouse's own database. */
public final class OAuth2Stores {

    private final Map<Ingress, OAuth2Store> byIngress = new EnumMap<>(Ingress.class);

    /** @param gatehouse where the slash-command ingress keeps OAuth2: Gatehouse's database */
    public OAuth2Stores(Mattermost mattermost, OAuth2Store gatehouse) {
        byIngress.put(Ingress.APPS, new PluginOAuth2Store(mattermost));
        byIngress.put(Ingress.SLASH_COMMAND, gatehouse);
    }

    public OAuth2Store of(VerifiedCall call) {
        return byIngress.get(call.ingress());
    }
}
