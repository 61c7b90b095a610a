/** HTTP routes of the key directory: publishing, listing and revoking age recipients. */
@NullMarked
package io.valise.server.api.keydir;

import org.jspecify.annotations.NullMarked;
