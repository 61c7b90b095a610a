package io.valise.server.api.envelope;

import io.valise.server.http.ApiException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One byte range of RFC 9110 section 14.1.2 ({@code bytes=first-last}, {@code bytes=first-} or
 * {@code bytes=-suffix}). Several ranges in one request are served as the whole file, which RFC
 * 9110 allows.
 */
public record ByteRange(long offset, long length) {
  private static final Pattern ONE = Pattern.compile("bytes=([0-9]{0,18})-([0-9]{0,18})");

  /**
   * The range asked for in a file of {@code total} bytes, or null for the whole file.
   *
   * @throws ApiException.RangeNotSatisfiable if the range lies outside the file
   */
  public static @Nullable ByteRange parse(@Nullable String header, long total) {
    if (header == null) {
      return null;
    }
    Matcher m = ONE.matcher(header.strip());
    if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
      return null;
    }
    long first;
    long last;
    if (m.group(1).isEmpty()) {
      long suffix = Long.parseLong(m.group(2));
      if (suffix == 0) {
        throw new ApiException.RangeNotSatisfiable(total);
      }
      first = Math.max(0, total - suffix);
      last = total - 1;
    } else {
      first = Long.parseLong(m.group(1));
      last = m.group(2).isEmpty() ? total - 1 : Math.min(Long.parseLong(m.group(2)), total - 1);
    }
    if (first >= total || last < first) {
      throw new ApiException.RangeNotSatisfiable(total);
    }
    return new ByteRange(first, last - first + 1);
  }

  /**
   * The range as the audit log records a download: {@code all}, or {@code FIRST-LAST} (bytes of the
   * age file, inclusive).
   */
  public static String audited(@Nullable ByteRange range) {
    return range == null ? "all" : range.offset() + "-" + (range.offset() + range.length() - 1);
  }
}
