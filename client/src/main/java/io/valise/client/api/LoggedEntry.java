package io.valise.client.api;

/**
 * An audit log entry and its index in the log: a key's {@code "log"} field, or one entry of an
 * envelope's history. Not yet verified: see {@code io.valise.client.audit}.
 */
public record LoggedEntry(long index, LogEntry entry) {}
