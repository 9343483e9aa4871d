package dev.gatehouse.domain.provisioning;

/** A custom slash command as Mattermost lists it ({@code GET /api/v4/commands?team_id=&custom_only=true}). */
public record CustomCommand(String id, String teamId, String trigger, String url, String method) {}
