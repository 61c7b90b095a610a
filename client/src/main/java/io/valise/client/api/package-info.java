/** The Valise HTTP API as seen by a client, over {@code java.net.http}, with JSON by Jackson. */
@NullMarked
package io.valise.client.api;

import org.jspecify.annotations.NullMarked;
