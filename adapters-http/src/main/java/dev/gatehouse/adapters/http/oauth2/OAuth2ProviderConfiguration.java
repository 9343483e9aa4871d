package dev.gatehouse.adapters.http.oauth2;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.util.List;

/** {@code gatehouse.oauth2.*}: the operator's third-party provider (RFC 6749 endpoints). */
@ConfigurationProperties(OAuth2ProviderConfiguration.PREFIX)
public class OAuth2ProviderConfiguration {

    public static final String PREFIX = "gatehouse.oauth2";

    /** How the client authenticates at the token endpoint (RFC 6749 §2.3.1). */
    public enum ClientAuthentication {
        BASIC,
        POST
    }

    private String authorizeUrl;
    private String tokenUrl;
    private String userinfoUrl;
    private List<String> scopes = List.of();
    private String usernameClaim;
    private ClientAuthentication clientAuthentication = ClientAuthentication.BASIC;
    private Duration timeout = Duration.ofSeconds(10);

    public boolean isConfigured() {
        return notBlank(authorizeUrl) && notBlank(tokenUrl) && notBlank(userinfoUrl);
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    @Nullable public String getAuthorizeUrl() {
        return authorizeUrl;
    }

    public void setAuthorizeUrl(@Nullable String authorizeUrl) {
        this.authorizeUrl = authorizeUrl;
    }

    @Nullable public String getTokenUrl() {
        return tokenUrl;
    }

    public void setTokenUrl(@Nullable String tokenUrl) {
        this.tokenUrl = tokenUrl;
    }

    @Nullable public String getUserinfoUrl() {
        return userinfoUrl;
    }

    public void setUserinfoUrl(@Nullable String userinfoUrl) {
        this.userinfoUrl = userinfoUrl;
    }

    public List<String> getScopes() {
        return scopes;
    }
    /** Accepts a list, or one string separated by commas or spaces (GATEHOUSE_OAUTH2_SCOPES="read:user email"). */
    public void setScopes(List<String> scopes) {
        this.scopes = scopes.stream()
                .flatMap(s -> java.util.Arrays.stream(s.split("[,\\s]+")))
                .filter(s -> !s.isBlank())
                .toList();
    }

    @Nullable public String getUsernameClaim() {
        return usernameClaim;
    }

    public void setUsernameClaim(@Nullable String usernameClaim) {
        this.usernameClaim = usernameClaim;
    }

    public ClientAuthentication getClientAuthentication() {
        return clientAuthentication;
    }

    public void setClientAuthentication(ClientAuthentication clientAuthentication) {
        this.clientAuthentication = clientAuthentication;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }
}
