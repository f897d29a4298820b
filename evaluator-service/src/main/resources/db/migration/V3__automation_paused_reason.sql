-- Why Vigil itself paused an automation (the storm brake), shown as paused_reason in the API.
ALTER TABLE automations ADD COLUMN paused_reason varchar;
