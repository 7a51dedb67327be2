/** What flows through a scoring route: scored pages, envelopes, dead letters, and their JMS publishing. */
package io.aihub.routes.flow;
