-- The list's order (name, then id) as an index that also holds the id: a page of the list is chosen by an
-- index-only scan of it, and only that page's rows are read (AutomationRepository.filter). It replaces the
-- (workspace_id, name) index, whose every use it serves too.
CREATE INDEX IF NOT EXISTS automations_workspace_name_id ON automations (workspace_id, name, id);
DROP INDEX IF EXISTS automations_workspace_name;
