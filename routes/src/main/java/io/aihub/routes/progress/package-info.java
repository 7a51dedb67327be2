/** Live counters of what the hub has done, the terminal progress line and the run summary. */
package io.aihub.routes.progress;
