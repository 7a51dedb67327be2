/**
 * What the remote model backends share: endpoint settings, one JDK {@code HttpClient} per backend with a deadline
 * on every request, classification of HTTP failures into retriable and permanent errors, and batch helpers.
 */
package io.aihub.model.remote;
