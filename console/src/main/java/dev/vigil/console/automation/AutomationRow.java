package dev.vigil.console.automation;

import java.util.List;

/**
 * One automation as the list and detail pages show it. {@code pausedReason} is empty unless Vigil paused it.
 */
public record AutomationRow(String id, String name, String description, String summary, boolean enabled,
                            List<String> tags, String pausedReason) {
}
