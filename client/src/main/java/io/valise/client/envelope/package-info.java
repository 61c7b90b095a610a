/**
 * What the client adds around an age file: the encrypted metadata (name, type, size), safe output
 * names, and share-link URLs whose fragment carries the link's identity.
 */
@NullMarked
package io.valise.client.envelope;

import org.jspecify.annotations.NullMarked;
