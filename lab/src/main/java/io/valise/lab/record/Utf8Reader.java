package io.valise.lab.record;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes strict UTF-8 and, unlike {@link java.io.InputStreamReader}, hands out every character
 * before a malformed sequence before it fails, with the sequence's byte offset: so a reader that
 * counts lines knows the line of the bad bytes, not that of a buffer read earlier. A truncated
 * sequence at the end of the input is malformed too.
 */
public final class Utf8Reader extends Reader {
  /** Bytes that are not UTF-8, at {@link #offset()}. */
  public static final class NotUtf8Exception extends CharacterCodingException {
    private static final long serialVersionUID = 1L;

    private final long offset;

    NotUtf8Exception(long offset) {
      this.offset = offset;
    }

    /** The offset of the first bad byte, counted from the start of the file. */
    public long offset() {
      return offset;
    }

    @Override
    public String getMessage() {
      return "bytes that are not UTF-8 at byte offset " + offset;
    }
  }

  private final InputStream in;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final ByteBuffer bytes = ByteBuffer.allocate(8192).flip();
  private final CharBuffer pair = CharBuffer.allocate(2).flip();
  private long offset;
  private long malformed = -1;
  private boolean eof;

  /**
   * Reads {@code in}, whose first byte is at {@code firstByte} in its file (0 for a whole file, the
   * chunk's offset for a part of it).
   */
  public Utf8Reader(InputStream in, long firstByte) {
    this.in = in;
    this.offset = firstByte;
  }

  @Override
  public int read(char[] cbuf, int off, int len) throws IOException {
    java.util.Objects.checkFromIndexSize(off, len, cbuf.length);
    if (len == 0) {
      return 0;
    }
    CharBuffer out = CharBuffer.wrap(cbuf, off, len);
    while (pair.hasRemaining() && out.hasRemaining()) {
      out.put(pair.get()); // the low surrogate of a pair that did not fit last time
    }
    while (out.hasRemaining()) {
      if (malformed >= 0) {
        if (out.position() > off) {
          break;
        }
        throw new NotUtf8Exception(malformed);
      }
      int before = bytes.position();
      CoderResult r = decoder.decode(bytes, out, eof);
      offset += bytes.position() - before;
      if (r.isError()) {
        malformed = offset;
      } else if (r.isOverflow()) {
        if (out.position() > off) {
          break;
        }
        decodePair(); // one char of room, and a surrogate pair next
        if (pair.hasRemaining()) {
          out.put(pair.get());
        }
      } else if (eof) {
        break;
      } else if (out.position() > off && in.available() <= 0) {
        break; // return what is there rather than wait for more
      } else {
        fill();
      }
    }
    int n = out.position() - off;
    return n == 0 && eof ? -1 : n;
  }

  /** Decodes the next character, a surrogate pair, into {@link #pair}; or notes it malformed. */
  private void decodePair() {
    pair.clear();
    int before = bytes.position();
    CoderResult r = decoder.decode(bytes, pair, eof);
    offset += bytes.position() - before;
    if (r.isError()) {
      malformed = offset;
    }
    pair.flip();
  }

  private void fill() throws IOException {
    bytes.compact();
    int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
    if (n < 0) {
      eof = true;
    } else {
      bytes.position(bytes.position() + n);
    }
    bytes.flip();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
