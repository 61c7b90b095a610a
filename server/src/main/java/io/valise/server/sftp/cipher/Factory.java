package io.valise.server.sftp.cipher;

import java.util.function.Supplier;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.cipher.CipherFactory;

/**
 * A MINA cipher factory that makes our implementation of one of MINA's built-in ciphers: same name,
 * same key, IV, block and tag sizes (MINA reads them from the factory while negotiating).
 */
record Factory(BuiltinCiphers builtin, Supplier<Cipher> maker) implements CipherFactory {
  @Override
  public String getName() {
    return builtin.getName();
  }

  @Override
  public Cipher create() {
    return maker.get();
  }

  @Override
  public boolean isSupported() {
    return true;
  }

  @Override
  public String getAlgorithm() {
    return builtin.getAlgorithm();
  }

  @Override
  public String getTransformation() {
    return builtin.getTransformation();
  }

  @Override
  public int getIVSize() {
    return builtin.getIVSize();
  }

  @Override
  public int getAuthenticationTagSize() {
    return builtin.getAuthenticationTagSize();
  }

  @Override
  public int getCipherBlockSize() {
    return builtin.getCipherBlockSize();
  }

  @Override
  public int getKdfSize() {
    return builtin.getKdfSize();
  }

  @Override
  public int getKeySize() {
    return builtin.getKeySize();
  }

  @Override
  public String toString() {
    return builtin.getName();
  }
}
