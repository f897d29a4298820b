-- Resources an automation relates to (Prefect's automation_related_resources): the deployments
-- its selected run-deployment actions run, and its owner. Answers GET /automations/related-to/{id}.
-- Arrays are varchar[] because that is what Hibernate binds String[] parameters as.
ALTER TABLE automations ALTER COLUMN tags TYPE varchar[];
ALTER TABLE automations ADD COLUMN related_resource_ids varchar[] NOT NULL DEFAULT '{}';
CREATE INDEX automations_related_resource_ids ON automations USING gin (related_resource_ids);
CREATE INDEX automations_owner_resource ON automations (workspace_id, owner_resource);
