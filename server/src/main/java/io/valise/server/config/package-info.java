/** Server configuration: defaults, a strict properties file, and the per-installation secrets. */
@NullMarked
package io.valise.server.config;

import org.jspecify.annotations.NullMarked;
