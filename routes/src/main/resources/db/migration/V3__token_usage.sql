-- aihub BI schema v3: tokens a chat model's request used for the record; null for models that report none.
-- Identical on H2 (PostgreSQL mode) and PostgreSQL.
ALTER TABLE predictions ADD COLUMN prompt_tokens BIGINT;
ALTER TABLE predictions ADD COLUMN completion_tokens BIGINT;
