/**
 * Envelope work shared by every protocol (HTTP API, SFTP gateway): storing an upload whole or not
 * at all. The protocols parse their own requests and map this package's refusals to their errors.
 */
@NullMarked
package io.valise.server.envelope;

import org.jspecify.annotations.NullMarked;
