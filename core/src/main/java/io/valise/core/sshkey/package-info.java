/**
 * SSH public keys that accounts register to log in to the SFTP gateway: their OpenSSH text form,
 * checked here, their SHA-256 fingerprints, and the repository that stores them.
 */
@NullMarked
package io.valise.core.sshkey;

import org.jspecify.annotations.NullMarked;
