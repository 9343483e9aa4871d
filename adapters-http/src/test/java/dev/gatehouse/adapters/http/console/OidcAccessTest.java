package dev.gatehouse.adapters.http.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OidcAccessTest {

    private final OidcAccess groups = new OidcAccess("groups", Set.of("gatehouse-operators"), "preferred_username");

    @Test
    void letsInAMemberOfAnAllowedGroupUnderTheOperatorClaim() {
        assertThat(groups.decide(Map.of(
                        "sub", "1234",
                        "preferred_username", "carol",
                        "groups", List.of("staff", "gatehouse-operators"))))
                .isEqualTo(new OidcAccess.Decision.Allowed("carol"));
        assertThat(groups.decide(Map.of("sub", "1234", "groups", "gatehouse-operators")))
                .isEqualTo(new OidcAccess.Decision.Allowed("1234"));
        assertThat(groups.decide(
                        Map.of("sub", "1234", "email", "carol@example.com", "groups", List.of("gatehouse-operators"))))
                .isEqualTo(new OidcAccess.Decision.Allowed("carol@example.com"));
    }

    @Test
    void refusesWhoIsInNoAllowedGroupOrHasNoSuchClaimOrNamesNobody() {
        assertThat(groups.decide(Map.of("preferred_username", "dave", "groups", List.of("staff"))))
                .isEqualTo(new OidcAccess.Decision.Refused("dave", "no allowed value in the claim groups"));
        assertThat(groups.decide(Map.of("preferred_username", "dave")))
                .isEqualTo(new OidcAccess.Decision.Refused("dave", "no allowed value in the claim groups"));
        assertThat(groups.decide(Map.of("preferred_username", "dave", "groups", Map.of("gatehouse-operators", true))))
                .isInstanceOf(OidcAccess.Decision.Refused.class);
        assertThat(groups.decide(Map.of("groups", List.of("gatehouse-operators"))))
                .isInstanceOf(OidcAccess.Decision.Refused.class);
    }

    @Test
    void readsARoleInsideAnObjectByADottedPath() {
        OidcAccess roles = new OidcAccess("realm_access.roles", Set.of("gatehouse-admin"), "preferred_username");
        assertThat(roles.decide(Map.of(
                        "preferred_username", "erin", "realm_access", Map.of("roles", List.of("gatehouse-admin")))))
                .isEqualTo(new OidcAccess.Decision.Allowed("erin"));
        assertThat(roles.decide(Map.of("preferred_username", "erin", "realm_access", Map.of("roles", List.of()))))
                .isInstanceOf(OidcAccess.Decision.Refused.class);
    }

    @Test
    void needsAllowedValues() {
        assertThatThrownBy(() -> new OidcAccess("groups", Set.of(), "sub"))
                .hasMessageStartingWith("gatehouse.console.oidc.allowed-values is required");
    }
}
