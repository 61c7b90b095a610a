/** Health, Prometheus metrics and the OpenAPI document. */
@NullMarked
package io.valise.server.health;

import org.jspecify.annotations.NullMarked;
