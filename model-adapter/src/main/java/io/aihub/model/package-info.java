/** Model descriptors, the model registry and helpers shared by every model backend. */
package io.aihub.model;
