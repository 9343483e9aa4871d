package dev.gatehouse.domain.provisioning;

/**
 * The server settings the slash-command ingress needs (CLASSIC.md §1), named as the System Console shows them and as
 * the environment variable that sets them.
 */
public enum ServerSetting {
    ENABLE_BOT_ACCOUNT_CREATION(
            "ServiceSettings.EnableBotAccountCreation",
            "Integrations → Bot Accounts → Enable Bot Account Creation",
            "MM_SERVICESETTINGS_ENABLEBOTACCOUNTCREATION"),
    ENABLE_USER_ACCESS_TOKENS(
            "ServiceSettings.EnableUserAccessTokens",
            "Integrations → Integration Management → Enable Personal Access Tokens",
            "MM_SERVICESETTINGS_ENABLEUSERACCESSTOKENS"),
    ENABLE_COMMANDS(
            "ServiceSettings.EnableCommands",
            "Integrations → Integration Management → Enable Custom Slash Commands",
            "MM_SERVICESETTINGS_ENABLECOMMANDS");

    private final String configPath;
    private final String consoleName;
    private final String environmentVariable;

    ServerSetting(String configPath, String consoleName, String environmentVariable) {
        this.configPath = configPath;
        this.consoleName = consoleName;
        this.environmentVariable = environmentVariable;
    }

    /** Where it sits in Mattermost's config JSON, e.g. {@code ServiceSettings.EnableCommands}. */
    public String configPath() {
        return configPath;
    }

    public String consoleName() {
        return consoleName;
    }

    public String environmentVariable() {
        return environmentVariable;
    }

    /** For an operator: "System Console → … (MM_…)". */
    public String describe() {
        return "System Console → " + consoleName + " (" + environmentVariable + "=true)";
    }
}
