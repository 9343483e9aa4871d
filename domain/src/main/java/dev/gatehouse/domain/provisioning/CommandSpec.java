package dev.gatehouse.domain.provisioning;

/**
 * A custom slash command to create ({@code POST /api/v4/commands}): method POST, autocomplete on, its request URL the
 * installation's {@code /command} route.
 */
public record CommandSpec(
        String teamId,
        String trigger,
        String url,
        String displayName,
        String description,
        String autocompleteDescription,
        String autocompleteHint) {}
