package dev.gatehouse.domain.installation;

public enum InstallationStatus {
    ACTIVE,
    DISABLED
}
