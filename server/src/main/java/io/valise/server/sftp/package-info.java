/**
 * The SFTP gateway for lab systems that can only push files over SFTP: Apache MINA SSHD for the SSH
 * transport and public-key login, and this package's own SFTP version 3 server over a virtual tree
 * ({@code /inbox}, {@code /outbox/NAME}) that never touches the server's file system. Uploads
 * become envelopes through the same {@link io.valise.server.envelope.Intake} as HTTP uploads.
 */
@NullMarked
package io.valise.server.sftp;

import org.jspecify.annotations.NullMarked;
