/** HTTP helpers shared by every module that calls other systems: response bodies read up to a byte limit. */
package io.aihub.api.http;
