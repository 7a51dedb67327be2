/** The embedded Artemis broker and the naming of aihub addresses and queues. */
package io.aihub.routes.broker;
