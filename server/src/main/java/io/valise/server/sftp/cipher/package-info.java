/**
 * A faster implementation of an SSH cipher for the SFTP gateway's Apache MINA SSHD:
 * chacha20-poly1305@openssh.com on OpenSSL's libcrypto (MINA's is pure Java). {@link
 * io.valise.server.sftp.cipher.SshCiphers} swaps it into MINA's list by name, after a self-test
 * against MINA's own implementation; MINA's stays the fallback.
 */
@NullMarked
package io.valise.server.sftp.cipher;

import org.jspecify.annotations.NullMarked;
