/** The demo profile: built-in simulators started in-process with seeded data. */
package io.aihub.routes.demo;
