package dev.vigil.console.automation;

import java.util.List;

/**
 * One automation as the list and detail pages show it. {@code pausedReason} is empty unless Vigil paused it;
 * {@code firings} counts its firings over the last day (the list fills it in).
 */
public record AutomationRow(String id, String name, String description, String summary, boolean enabled,
                            List<String> tags, String pausedReason, FiringCounts.Firings firings) {

    public AutomationRow withFirings(FiringCounts.Firings counted) {
        return new AutomationRow(id, name, description, summary, enabled, tags, pausedReason, counted);
    }
}
