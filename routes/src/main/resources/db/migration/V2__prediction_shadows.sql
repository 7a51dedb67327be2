-- aihub BI schema v2: challenger (shadow) results, one row per prediction event and challenger version.
-- Joined to predictions on event_id; write-back never uses them.
CREATE TABLE prediction_shadows (
    event_id       VARCHAR(36)   NOT NULL,
    model          VARCHAR(100)  NOT NULL,
    model_version  VARCHAR(50)   NOT NULL,
    label          VARCHAR(255),
    score          DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (event_id, model_version)
);
