/**
 * The browser app as the server serves it: the bundle built from {@code src/main/web} by {@code
 * build.mjs}, read from the class path with the hash of every file, and the bundle hash that the
 * audit log records and {@code valise verify-web} recomputes.
 */
@NullMarked
package io.valise.web;

import org.jspecify.annotations.NullMarked;
