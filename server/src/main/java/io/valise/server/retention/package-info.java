/** The retention report as JSON, for {@code valise admin retention --json} and the admin API. */
@NullMarked
package io.valise.server.retention;

import org.jspecify.annotations.NullMarked;
