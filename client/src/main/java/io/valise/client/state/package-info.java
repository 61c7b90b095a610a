/**
 * The client's files in {@code $VALISE_HOME}: the session, the key pins and the default identity.
 * The directory is 0700 and every file 0600, written to a temporary name and renamed.
 */
@NullMarked
package io.valise.client.state;

import org.jspecify.annotations.NullMarked;
