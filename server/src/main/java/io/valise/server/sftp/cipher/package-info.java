/**
 * Faster implementations of two SSH ciphers for the SFTP gateway's Apache MINA SSHD:
 * chacha20-poly1305@openssh.com on OpenSSL's libcrypto (MINA's is pure Java), and the AES-GCM
 * ciphers on the JDK without MINA's in-place decryption. {@link
 * io.valise.server.sftp.cipher.SshCiphers} swaps them into MINA's list by name, after a self-test
 * against MINA's own implementations; MINA's stay the fallback.
 */
@NullMarked
package io.valise.server.sftp.cipher;

import org.jspecify.annotations.NullMarked;
