/** The MLflow scoring server backend ({@code mlflow models serve}): {@code POST /invocations}. */
package io.aihub.model.remote.mlflow;
