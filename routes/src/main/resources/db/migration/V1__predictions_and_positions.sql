-- aihub BI schema v1: identical on H2 (PostgreSQL mode) and PostgreSQL.

-- The last committed position of each route's source; written only after the page's broker commit.
CREATE TABLE aihub_source_positions (
    position_key   VARCHAR(300)  NOT NULL PRIMARY KEY,
    position_json  VARCHAR(4000) NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One row per prediction event (event id = route, record version and model version).
CREATE TABLE predictions (
    event_id            VARCHAR(36)   NOT NULL PRIMARY KEY,
    route_id            VARCHAR(100)  NOT NULL,
    source_system       VARCHAR(100)  NOT NULL,
    source_connector    VARCHAR(100)  NOT NULL,
    entity              VARCHAR(100)  NOT NULL,
    record_id           VARCHAR(255)  NOT NULL,
    record_version      VARCHAR(255)  NOT NULL,
    record_modified_at  TIMESTAMP WITH TIME ZONE,
    model               VARCHAR(100)  NOT NULL,
    model_version       VARCHAR(50)   NOT NULL,
    backend             VARCHAR(50)   NOT NULL,
    label               VARCHAR(255),
    score               DOUBLE PRECISION NOT NULL,
    scores_json         VARCHAR(4000) NOT NULL,
    latency_ms          BIGINT        NOT NULL,
    input_hash          CHAR(64)      NOT NULL,
    fallback            VARCHAR(1000),
    predicted_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    hub_version         VARCHAR(50)   NOT NULL,
    stored_at           TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX predictions_by_record ON predictions (route_id, record_id, predicted_at);
CREATE INDEX predictions_by_model_day ON predictions (model, model_version, predicted_at);
