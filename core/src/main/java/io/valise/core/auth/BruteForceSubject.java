package io.valise.core.auth;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.regex.Pattern;

/**
 * Who is scored: an account, a share link, or a source address bucket. Each has a {@link #key()}
 * under which a store keeps its {@link BruteForceState}, the same on every node.
 */
public sealed interface BruteForceSubject {
  /** The storage key, such as {@code account:42} or {@code source:ip6:2001:db8:0:1::/64}. */
  String key();

  /**
   * An account, by its id (not its login name, which may change).
   *
   * @param id non-empty, at most 128 characters
   */
  record Account(String id) implements BruteForceSubject {
    /**
     * @throws IllegalArgumentException if the id is empty or too long
     */
    public Account {
      checkId(id, "Account");
    }

    @Override
    public String key() {
      return "account:" + id;
    }
  }

  /**
   * A share link, so guessing its password is limited whoever guesses.
   *
   * @param id non-empty, at most 128 characters
   */
  record ShareLink(String id) implements BruteForceSubject {
    /**
     * @throws IllegalArgumentException if the id is empty or too long
     */
    public ShareLink {
      checkId(id, "Share link");
    }

    @Override
    public String key() {
      return "link:" + id;
    }
  }

  /**
   * A source address bucket: one IPv4 address (/32), or one IPv6 /64, since a single IPv6 host
   * usually controls a whole /64. Build it with {@link #of(InetAddress)}.
   *
   * @param bucket {@code ip4:A.B.C.D} or {@code ip6:H:H:H:H::/64} with lower-case hex
   */
  record Source(String bucket) implements BruteForceSubject {
    private static final Pattern BUCKET =
        Pattern.compile(
            "ip4:(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}"
                + "|ip6:([0-9a-f]|[1-9a-f][0-9a-f]{1,3})(:([0-9a-f]|[1-9a-f][0-9a-f]{1,3})){3}::/64");

    /**
     * @throws IllegalArgumentException if {@code bucket} is not in canonical form
     */
    public Source {
      if (!BUCKET.matcher(bucket).matches()) {
        throw new IllegalArgumentException("Source bucket is not ip4:A.B.C.D or ip6:H:H:H:H::/64");
      }
    }

    /**
     * The bucket of {@code address}. IPv4-mapped IPv6 addresses ({@code ::ffff:a.b.c.d}) count as
     * their IPv4 address.
     */
    public static Source of(InetAddress address) {
      byte[] b = address.getAddress();
      if (address instanceof Inet4Address) {
        return ipv4(b, 0);
      }
      boolean mapped = b[10] == (byte) 0xff && b[11] == (byte) 0xff;
      for (int i = 0; i < 10; i++) {
        mapped &= b[i] == 0;
      }
      if (mapped) {
        return ipv4(b, 12);
      }
      StringBuilder s = new StringBuilder("ip6:");
      for (int i = 0; i < 8; i += 2) {
        s.append(Integer.toHexString(((b[i] & 0xff) << 8) | (b[i + 1] & 0xff)));
        s.append(i < 6 ? ":" : "::/64");
      }
      return new Source(s.toString());
    }

    private static Source ipv4(byte[] b, int at) {
      return new Source(
          "ip4:%d.%d.%d.%d"
              .formatted(b[at] & 0xff, b[at + 1] & 0xff, b[at + 2] & 0xff, b[at + 3] & 0xff));
    }

    @Override
    public String key() {
      return "source:" + bucket;
    }
  }

  private static void checkId(String id, String what) {
    if (id.isEmpty() || id.length() > 128) {
      throw new IllegalArgumentException(what + " id must be 1 to 128 characters");
    }
  }
}
