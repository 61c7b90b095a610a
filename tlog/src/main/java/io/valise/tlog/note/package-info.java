/**
 * C2SP signed notes (<a href="https://c2sp.org/signed-note">c2sp.org/signed-note</a>) with Ed25519
 * keys, and the checkpoints a transparency log signs with them (<a
 * href="https://c2sp.org/tlog-checkpoint">c2sp.org/tlog-checkpoint</a>). The text formats are those
 * of Go's {@code golang.org/x/mod/sumdb/note}, so notes and keys interoperate with Go tools and
 * witnesses.
 */
@NullMarked
package io.valise.tlog.note;

import org.jspecify.annotations.NullMarked;
