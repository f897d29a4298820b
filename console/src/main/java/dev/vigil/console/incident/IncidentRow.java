package dev.vigil.console.incident;

/** An incident a {@code declare-incident} action opened. */
public record IncidentRow(String id, String created, String title, String severity, String status,
                          String automationName) {
}
