/**
 * Serving the browser app: the page at every app path, its content-addressed assets and service
 * worker, each with the headers that confine what the page may load and do.
 */
@NullMarked
package io.valise.server.web;

import org.jspecify.annotations.NullMarked;
