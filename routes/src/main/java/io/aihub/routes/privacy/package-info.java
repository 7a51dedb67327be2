/** Personal data in prediction envelopes: fields a route marks sensitive are masked, hashed or dropped. */
package io.aihub.routes.privacy;
