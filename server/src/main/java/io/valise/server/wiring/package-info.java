/** The one composition root: builds the object graph with plain constructors. */
@NullMarked
package io.valise.server.wiring;

import org.jspecify.annotations.NullMarked;
