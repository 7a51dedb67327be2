/** The {@code ./aihub} command line: run, train and demo commands. */
package io.aihub.routes.cli;
