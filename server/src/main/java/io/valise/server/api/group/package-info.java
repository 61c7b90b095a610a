/** HTTP routes of groups: creation, membership and deletion by administrators, listing by all. */
@NullMarked
package io.valise.server.api.group;

import org.jspecify.annotations.NullMarked;
