/** JMH microbenchmarks of the hub's per-record steps, run by {@code ./aihub bench jmh} ({@link JmhMain}). */
package io.aihub.bench.jmh;
