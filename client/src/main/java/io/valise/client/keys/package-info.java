/**
 * Resolving recipient names to keys, trusting a key on first use and refusing a changed one until
 * the user accepts it ({@code valise key trust}).
 */
@NullMarked
package io.valise.client.keys;

import org.jspecify.annotations.NullMarked;
