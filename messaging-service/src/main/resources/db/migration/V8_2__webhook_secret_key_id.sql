-- Issue 11: signing secrets are stored encrypted (AES-256-GCM); key_id names the key, so keys rotate.
-- Rows written before (plain, key_id null) are encrypted by the service at startup (SecretResealer).
alter table webhook_secret add column key_id varchar(64);
