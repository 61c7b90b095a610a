package io.valise.server.sftp;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The SFTP version 3 wire format (draft-ietf-secsh-filexfer-02): packet types, status codes, and
 * reading and writing packets ({@link Inbound} cuts the stream into packets). Every packet is
 * {@code uint32 length, byte type, payload}.
 */
final class Wire {
  static final int INIT = 1;
  static final int VERSION = 2;
  static final int OPEN = 3;
  static final int CLOSE = 4;
  static final int READ = 5;
  static final int WRITE = 6;
  static final int LSTAT = 7;
  static final int FSTAT = 8;
  static final int SETSTAT = 9;
  static final int FSETSTAT = 10;
  static final int OPENDIR = 11;
  static final int READDIR = 12;
  static final int REMOVE = 13;
  static final int MKDIR = 14;
  static final int RMDIR = 15;
  static final int REALPATH = 16;
  static final int STAT = 17;
  static final int RENAME = 18;
  static final int READLINK = 19;
  static final int SYMLINK = 20;
  static final int STATUS = 101;
  static final int HANDLE = 102;
  static final int DATA = 103;
  static final int NAME = 104;
  static final int ATTRS = 105;
  static final int EXTENDED = 200;

  static final int OK = 0;
  static final int EOF = 1;
  static final int NO_SUCH_FILE = 2;
  static final int PERMISSION_DENIED = 3;
  static final int FAILURE = 4;
  static final int BAD_MESSAGE = 5;
  static final int OP_UNSUPPORTED = 8;

  static final int OPEN_READ = 0x01;
  static final int OPEN_WRITE = 0x02;
  static final int OPEN_APPEND = 0x04;

  static final int ATTR_SIZE = 0x01;
  static final int ATTR_UIDGID = 0x02;
  static final int ATTR_PERMISSIONS = 0x04;
  static final int ATTR_ACMODTIME = 0x08;
  static final int ATTR_EXTENDED = 0x80000000;

  /** The largest packet read: a 256 KiB write plus its fields, as OpenSSH allows. */
  static final int MAX_PACKET = 256 * 1024 + 1024;

  private Wire() {}

  /** Reads a string field as bytes. */
  static byte[] bytes(ByteBuffer b) throws SftpException {
    if (b.remaining() < 4) {
      throw bad();
    }
    int n = b.getInt();
    if (n < 0 || n > b.remaining()) {
      throw bad();
    }
    byte[] out = new byte[n];
    b.get(out);
    return out;
  }

  /** Reads a string field as a view of the packet's bytes, not copied. */
  static ByteBuffer slice(ByteBuffer b) throws SftpException {
    if (b.remaining() < 4) {
      throw bad();
    }
    int n = b.getInt();
    if (n < 0 || n > b.remaining()) {
      throw bad();
    }
    ByteBuffer out = b.slice(b.position(), n);
    b.position(b.position() + n);
    return out;
  }

  /** Reads a string field as UTF-8 text; malformed UTF-8 is refused. */
  static String text(ByteBuffer b) throws SftpException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes(b)))
          .toString();
    } catch (CharacterCodingException e) {
      throw SftpException.failure("The name is not valid UTF-8");
    }
  }

  static int int32(ByteBuffer b) throws SftpException {
    if (b.remaining() < 4) {
      throw bad();
    }
    return b.getInt();
  }

  static long int64(ByteBuffer b) throws SftpException {
    if (b.remaining() < 8) {
      throw bad();
    }
    return b.getLong();
  }

  /** Skips an attributes structure (the gateway sets no attributes). */
  static void skipAttrs(ByteBuffer b) throws SftpException {
    int flags = int32(b);
    if ((flags & ATTR_SIZE) != 0) {
      var unused = int64(b);
    }
    if ((flags & ATTR_UIDGID) != 0) {
      var unused = int64(b);
    }
    if ((flags & ATTR_PERMISSIONS) != 0) {
      var unused = int32(b);
    }
    if ((flags & ATTR_ACMODTIME) != 0) {
      var unused = int64(b);
    }
    if ((flags & ATTR_EXTENDED) != 0) {
      int count = int32(b);
      for (int i = 0; i < count; i++) {
        var unusedName = bytes(b);
        var unusedValue = bytes(b);
      }
    }
  }

  static SftpException bad() {
    return new SftpException(BAD_MESSAGE, "Malformed SFTP packet");
  }

  /** A packet being built: {@link #finish} writes its length. */
  static final class Out {
    private byte[] buf;
    private int len = 4;

    Out(int type, int capacity) {
      buf = new byte[Math.max(capacity, 16)];
      put8(type);
    }

    Out put8(int v) {
      ensure(1);
      buf[len++] = (byte) v;
      return this;
    }

    Out put32(int v) {
      ensure(4);
      buf[len++] = (byte) (v >>> 24);
      buf[len++] = (byte) (v >>> 16);
      buf[len++] = (byte) (v >>> 8);
      buf[len++] = (byte) v;
      return this;
    }

    Out put64(long v) {
      put32((int) (v >>> 32));
      return put32((int) v);
    }

    Out putBytes(byte[] b, int off, int n) {
      put32(n);
      ensure(n);
      System.arraycopy(b, off, buf, len, n);
      len += n;
      return this;
    }

    Out putText(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      return putBytes(b, 0, b.length);
    }

    /** Attributes: size, permissions and times. */
    Out putAttrs(Node.Attrs a) {
      put32(ATTR_SIZE | ATTR_PERMISSIONS | ATTR_ACMODTIME);
      put64(a.size());
      put32(a.mode());
      int t = (int) Math.min(a.mtime().getEpochSecond(), 0xffffffffL);
      put32(t);
      return put32(t);
    }

    /** The finished packet, its length written in front. */
    byte[] finish() {
      int body = len - 4;
      buf[0] = (byte) (body >>> 24);
      buf[1] = (byte) (body >>> 16);
      buf[2] = (byte) (body >>> 8);
      buf[3] = (byte) body;
      return buf.length == len ? buf : Arrays.copyOf(buf, len);
    }

    /** The buffer and the length to write, without a copy. */
    byte[] raw() {
      finish();
      return buf;
    }

    int length() {
      return len;
    }

    private void ensure(int n) {
      if (len + n > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
      }
    }
  }
}
