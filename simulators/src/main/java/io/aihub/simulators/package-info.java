/** Faithful HTTP simulators of the systems aihub talks to, for the demo profile and for tests. */
package io.aihub.simulators;
