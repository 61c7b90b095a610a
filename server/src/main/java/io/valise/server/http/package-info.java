/**
 * HTTP on Jetty: explicit routing, the one default-deny authentication filter, and RFC 9457 problem
 * details.
 */
@NullMarked
package io.valise.server.http;

import org.jspecify.annotations.NullMarked;
