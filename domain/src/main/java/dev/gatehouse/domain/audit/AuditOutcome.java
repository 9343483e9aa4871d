package dev.gatehouse.domain.audit;

public enum AuditOutcome {
    /** The action was carried out. */
    SUCCEEDED,
    /** The action or call was refused (bad token, unknown installation, lost race, ...). */
    REFUSED,
    /** The action failed on something outside Gatehouse (Mattermost, the provider). */
    FAILED
}
