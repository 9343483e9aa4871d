package dev.gatehouse.domain.installation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The custom slash command {@code /<app id>} of one team on a server without the Apps framework (a Mattermost command
 * belongs to one team). Only the SHA-256 digest of its token is kept: Gatehouse has to check the token, never to
 * present it. {@code teamName} and {@code commandId} are known when Gatehouse provisioned the command, null when an
 * admin made it by hand.
 */
public record SlashCommand(String teamId, String teamName, String commandId, String tokenSha256) {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public SlashCommand {
        if (teamId == null || teamId.isBlank()) {
            throw new IllegalArgumentException("team id is required");
        }
        if (tokenSha256 == null || !SHA256_HEX.matcher(tokenSha256).matches()) {
            throw new IllegalArgumentException("token digest must be 64 lower-case hex characters");
        }
        teamName = teamName == null || teamName.isBlank() ? null : teamName;
        commandId = commandId == null || commandId.isBlank() ? null : commandId;
    }

    /** The command as Mattermost issued it, with its token (which is not kept). */
    public static SlashCommand withToken(String teamId, String teamName, String commandId, String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("token is required");
        }
        if (token.length() > 256) {
            throw new IllegalArgumentException("token must be at most 256 characters");
        }
        return new SlashCommand(teamId, teamName, commandId, HexFormat.of().formatHex(sha256(token.strip())));
    }

    /** Constant time in the token's content: the digests are compared, not the tokens. */
    public boolean acceptsToken(String presented) {
        return presented != null && hasDigest(sha256(presented));
    }

    /** Whether {@code digest} (the SHA-256 of a presented token) is this command's; constant time. */
    boolean hasDigest(byte[] digest) {
        return MessageDigest.isEqual(digest, HexFormat.of().parseHex(tokenSha256));
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
