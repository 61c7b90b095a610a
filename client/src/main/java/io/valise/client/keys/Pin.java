package io.valise.client.keys;

import java.time.Instant;

/** A recipient key the client has accepted for an account, and when it first did. */
public record Pin(String recipient, Instant firstSeen) {}
