/** The prediction envelope: a CloudEvents 1.0 event whose data names record, model and route versions. */
package io.aihub.api.envelope;
