/**
 * The OpenAI-compatible chat completions backend for text tasks: one request per record, structured output
 * checked against a JSON schema, token usage per record.
 */
package io.aihub.model.remote.openai;
