package dev.gatehouse.adapters.http.console;

import dev.gatehouse.adapters.http.PublicUrl;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Where the operator console lives under the public URL. */
public final class ConsolePaths {

    public static final String ROOT = "/console";
    public static final String SIGN_IN = ROOT + "/sign-in";
    public static final String ASSETS = ROOT + "/assets/";
    /** OpenID Connect sign-in: starts here, comes back to {@link #OIDC_CALLBACK}. */
    public static final String OIDC = SIGN_IN + "/oidc";

    public static final String OIDC_CALLBACK = OIDC + "/callback";

    private ConsolePaths() {}

    /**
     * The one-time link {@code gatehouse console-link} prints. The token is in the query so the link works without
     * JavaScript; opening it only shows a form that POSTs the token (a link scanner that fetches it spends nothing),
     * Gatehouse never logs request URIs, and every console page sends {@code Referrer-Policy: no-referrer}.
     */
    public static String signInLink(PublicUrl publicUrl, String token) {
        return publicUrl.base() + SIGN_IN + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    /** Needs no session: the sign-in page, the OpenID Connect sign-in and its return, and the stylesheet. */
    static boolean isOpen(String path) {
        return path.equals(SIGN_IN) || path.equals(OIDC) || path.equals(OIDC_CALLBACK) || path.startsWith(ASSETS);
    }

    public static boolean isConsole(String path) {
        return path.equals(ROOT) || path.startsWith(ROOT + "/");
    }
}
