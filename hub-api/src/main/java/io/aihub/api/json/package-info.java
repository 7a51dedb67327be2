/** The one place the hub creates Jackson JSON factories and mappers, each with explicit read limits. */
package io.aihub.api.json;
