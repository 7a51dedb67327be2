-- aihub BI schema v5: the views BI tools read. Identical on H2 (PostgreSQL mode) and PostgreSQL.
-- Days are UTC days. Every rate is a share in [0, 1]; a rate over no rows is null.

-- The newest prediction per route, record and model (across model versions; ties broken by event id).
CREATE VIEW latest_prediction AS
SELECT event_id, route_id, source_system, entity, record_id, record_version, record_modified_at, model,
       model_version, backend, label, score, fallback, predicted_at
FROM (SELECT p.*, ROW_NUMBER() OVER (PARTITION BY p.route_id, p.record_id, p.model
                                     ORDER BY p.predicted_at DESC, p.event_id DESC) AS newest
      FROM predictions p) ranked
WHERE newest = 1;

-- Every prediction that has an observed outcome, with whether it was right. A prediction counts whether it was
-- made before or after the outcome was observed.
CREATE VIEW prediction_results AS
SELECT p.event_id, p.route_id, p.record_id, p.model, p.model_version,
       CAST(p.predicted_at AT TIME ZONE 'UTC' AS DATE) AS predicted_on, p.predicted_at, p.label, p.score,
       o.outcome_label, o.outcome_positive, o.observed_at,
       CASE WHEN p.label = o.outcome_label THEN 1 ELSE 0 END AS correct
FROM predictions p
JOIN prediction_outcomes o ON o.route_id = p.route_id AND o.record_id = p.record_id
WHERE p.label IS NOT NULL;

-- Champion and challenger (shadow) side by side per prediction event, with the outcome when there is one.
CREATE VIEW shadow_results AS
SELECT p.event_id, p.route_id, p.record_id, CAST(p.predicted_at AT TIME ZONE 'UTC' AS DATE) AS predicted_on,
       p.model, p.model_version AS champion_version, p.label AS champion_label, p.score AS champion_score,
       s.model_version AS challenger_version, s.label AS challenger_label, s.score AS challenger_score,
       o.outcome_label, o.outcome_positive
FROM predictions p
JOIN prediction_shadows s ON s.event_id = p.event_id
LEFT JOIN prediction_outcomes o ON o.route_id = p.route_id AND o.record_id = p.record_id;

-- Per UTC day, model and version: volume, score distribution, fallback rate, shadow agreement, live accuracy.
CREATE VIEW model_daily AS
SELECT v.predicted_on, v.model, v.model_version, v.predictions, v.records, v.avg_score, v.p10_score, v.p50_score,
       v.p90_score, v.fallback_rate, s.shadow_compared, s.shadow_agreement, r.with_outcome,
       CASE WHEN r.with_outcome > 0 THEN CAST(CAST(r.correct AS DOUBLE PRECISION) / r.with_outcome
                                           AS DOUBLE PRECISION) END AS live_accuracy
FROM (SELECT CAST(p.predicted_at AT TIME ZONE 'UTC' AS DATE) AS predicted_on, p.model, p.model_version,
             COUNT(*) AS predictions, COUNT(DISTINCT p.record_id) AS records,
             CAST(AVG(p.score) AS DOUBLE PRECISION) AS avg_score,
             CAST(PERCENTILE_CONT(0.1) WITHIN GROUP (ORDER BY p.score) AS DOUBLE PRECISION) AS p10_score,
             CAST(PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY p.score) AS DOUBLE PRECISION) AS p50_score,
             CAST(PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY p.score) AS DOUBLE PRECISION) AS p90_score,
             CAST(CAST(SUM(CASE WHEN p.fallback IS NULL THEN 0 ELSE 1 END) AS DOUBLE PRECISION) / COUNT(*)
                 AS DOUBLE PRECISION) AS fallback_rate
      FROM predictions p
      GROUP BY CAST(p.predicted_at AT TIME ZONE 'UTC' AS DATE), p.model, p.model_version) v
LEFT JOIN (SELECT CAST(p.predicted_at AT TIME ZONE 'UTC' AS DATE) AS predicted_on, p.model, p.model_version,
                  COUNT(*) AS shadow_compared,
                  CAST(CAST(SUM(CASE WHEN sh.label = p.label THEN 1 ELSE 0 END) AS DOUBLE PRECISION) / COUNT(*)
                      AS DOUBLE PRECISION) AS shadow_agreement
           FROM predictions p JOIN prediction_shadows sh ON sh.event_id = p.event_id
           GROUP BY CAST(p.predicted_at AT TIME ZONE 'UTC' AS DATE), p.model, p.model_version) s
       ON s.predicted_on = v.predicted_on AND s.model = v.model AND s.model_version = v.model_version
LEFT JOIN (SELECT predicted_on, model, model_version, COUNT(*) AS with_outcome, SUM(correct) AS correct
           FROM prediction_results
           GROUP BY predicted_on, model, model_version) r
       ON r.predicted_on = v.predicted_on AND r.model = v.model AND r.model_version = v.model_version;

-- Per model and version, over every prediction with an outcome: the confusion matrix, accuracy, precision,
-- recall and calibration (Brier score, mean score against the observed positive rate).
CREATE VIEW model_quality AS
SELECT model, model_version, COUNT(*) AS with_outcome,
       SUM(CASE WHEN correct = 1 AND outcome_positive THEN 1 ELSE 0 END) AS true_positives,
       SUM(CASE WHEN correct = 0 AND NOT outcome_positive THEN 1 ELSE 0 END) AS false_positives,
       SUM(CASE WHEN correct = 1 AND NOT outcome_positive THEN 1 ELSE 0 END) AS true_negatives,
       SUM(CASE WHEN correct = 0 AND outcome_positive THEN 1 ELSE 0 END) AS false_negatives,
       CAST(CAST(SUM(correct) AS DOUBLE PRECISION) / COUNT(*) AS DOUBLE PRECISION) AS accuracy,
       CAST(CAST(SUM(CASE WHEN correct = 1 AND outcome_positive THEN 1 ELSE 0 END) AS DOUBLE PRECISION)
           / NULLIF(SUM(CASE WHEN (correct = 1) = outcome_positive THEN 1 ELSE 0 END), 0)
           AS DOUBLE PRECISION) AS precision_rate,
       CAST(CAST(SUM(CASE WHEN correct = 1 AND outcome_positive THEN 1 ELSE 0 END) AS DOUBLE PRECISION)
           / NULLIF(SUM(CASE WHEN outcome_positive THEN 1 ELSE 0 END), 0) AS DOUBLE PRECISION) AS recall_rate,
       CAST(AVG(score) AS DOUBLE PRECISION) AS mean_score,
       CAST(AVG(CASE WHEN outcome_positive THEN 1.0 ELSE 0.0 END) AS DOUBLE PRECISION) AS observed_positive_rate,
       CAST(AVG((score - CASE WHEN outcome_positive THEN 1.0 ELSE 0.0 END)
           * (score - CASE WHEN outcome_positive THEN 1.0 ELSE 0.0 END)) AS DOUBLE PRECISION) AS brier_score
FROM prediction_results
GROUP BY model, model_version;

-- Calibration per model version and score decile: mean predicted score against the observed positive rate.
CREATE VIEW model_calibration AS
SELECT model, model_version, bucket, COUNT(*) AS with_outcome, CAST(AVG(score) AS DOUBLE PRECISION) AS mean_score,
       CAST(AVG(CASE WHEN outcome_positive THEN 1.0 ELSE 0.0 END) AS DOUBLE PRECISION) AS observed_positive_rate
FROM (SELECT model, model_version, score, outcome_positive,
             CASE WHEN score >= 1.0 THEN 9 ELSE CAST(FLOOR(score * 10) AS INT) END AS bucket
      FROM prediction_results) b
GROUP BY model, model_version, bucket;

-- Each route's drift per window and feature, without internal ids (what the dashboard and BI tools chart).
CREATE VIEW drift_history AS
SELECT route_id, model_name, model_version, window_start, window_end, records, feature, psi, missing_rate,
       out_of_range_rate, psi_threshold, drifted
FROM drift_reports;

-- Each route's runs.
CREATE VIEW route_run_history AS
SELECT run_id, route_id, hub_version, started_at, updated_at, ended_at, status, pulled, scored, published,
       written_back, bi_rows, dead_lettered, fallbacks, page_failures
FROM route_runs;
