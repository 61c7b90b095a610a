/**
 * HTTP routes of the SSH keys accounts log in to the SFTP gateway with: an account adds, lists and
 * removes its own; administrators do the same for any account. The rules (parsing, comment, limit,
 * one account per fingerprint, audit) live in {@link io.valise.server.api.sshkey.SshKeyEnrolment},
 * shared with the local admin command.
 */
@NullMarked
package io.valise.server.api.sshkey;

import org.jspecify.annotations.NullMarked;
