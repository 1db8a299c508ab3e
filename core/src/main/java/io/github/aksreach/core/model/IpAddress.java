package io.github.aksreach.core.model;

import io.github.aksreach.core.internal.U128;
import io.vavr.control.Validation;

/**
 * One IPv4 or IPv6 address.
 *
 * <pre>{@code
 * IpAddress a = IpAddress.of("192.168.0.22");          // throws for bad input (programmer convenience)
 * Validation<ModelError, IpAddress> v = IpAddress.parse("10.0.0.300");
 * v.getError().message();   // "invalid IPv4 address '10.0.0.300': octet 300 is greater than 255"
 * IpAddress.of("2001:db8::1").toString();   // "2001:db8::1" (RFC 5952 form)
 * }</pre>
 *
 * <p>Important note: IPv4 addresses are stored as IPv4-mapped IPv6 keys ({@code ::ffff:a.b.c.d}); an IPv6 literal
 * inside {@code ::ffff:0:0/96} therefore denotes the IPv4 address it maps.
 */
public final class IpAddress implements Comparable<IpAddress> {
  static final long V4_MAPPED_HI = 0L;
  static final long V4_MAPPED_LO_BASE = 0x0000_FFFF_0000_0000L;

  private final long hi;
  private final long lo;

  private IpAddress(long hi, long lo) {
    this.hi = hi;
    this.lo = lo;
  }

  /** The address with the given 128-bit key (IPv4 keys are IPv4-mapped). */
  public static IpAddress ofKey(long hi, long lo) {
    return new IpAddress(hi, lo);
  }

  /** The IPv4 address with the given 32-bit value. */
  public static IpAddress v4(long value) {
    if (value < 0 || value > 0xFFFF_FFFFL) {
      throw new InvalidModelException("IPv4 value out of range: " + value);
    }
    return new IpAddress(V4_MAPPED_HI, V4_MAPPED_LO_BASE | value);
  }

  /** Parses, throwing {@link InvalidModelException} for bad input. */
  public static IpAddress of(String text) {
    return InvalidModelException.orThrow(parse(text));
  }

  /**
   * Parses an IPv4 dotted quad or an IPv6 address (with {@code ::} and an optional dotted IPv4 tail). An IPv4 octet
   * with a leading zero ({@code 010.0.0.1}) is refused: some tools read it as octal (8), others as decimal (10), and
   * Kubernetes refuses it in new objects, so any reading would be a guess. Spaces, tabs and line ends around it are
   * dropped; any other character (a control character such as a terminal escape or NUL) makes it invalid.
   */
  public static Parsed<IpAddress> parse(String text) {
    return Parsed.of(parseResult(text));
  }

  private static Validation<ModelError, IpAddress> parseResult(String text) {
    if (text == null || text.isBlank()) {
      return Validation.invalid(ModelError.of("invalid IP address '': empty"));
    }
    String t = blanksTrimmed(text);
    if (t.indexOf(':') >= 0) {
      return parseV6(t);
    }
    return parseV4(t, t).map(IpAddress::v4);
  }

  /**
   * {@code text} without the spaces, tabs and line ends around it. Unlike {@link String#trim()} it keeps the other
   * control characters, so that {@code "\u001b10.0.0.1"} is refused, not read as {@code 10.0.0.1}.
   */
  static String blanksTrimmed(String text) {
    int b = 0;
    int e = text.length();
    while (b < e && isBlank(text.charAt(b))) {
      b++;
    }
    while (e > b && isBlank(text.charAt(e - 1))) {
      e--;
    }
    return text.substring(b, e);
  }

  /** Whether {@code p} is ASCII digits only (true for the empty text). */
  static boolean allDigits(String p) {
    for (int i = 0; i < p.length(); i++) {
      if (p.charAt(i) < '0' || p.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  private static Validation<ModelError, Long> parseV4(String t, String whole) {
    long plain = plainV4(t);
    if (plain >= 0) {
      return Validation.valid(plain);
    }
    String[] parts = t.split("\\.", -1);
    if (parts.length != 4) {
      return Validation.invalid(ModelError.of(
          "invalid IPv4 address '%s': expected 4 dot-separated octets, found %d", whole, parts.length));
    }
    long v = 0;
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !allDigits(p)) {
        return Validation.invalid(ModelError.of("invalid IPv4 address '%s': '%s' is not an octet", whole, p));
      }
      if (p.length() > 1 && p.charAt(0) == '0') {
        return Validation.invalid(ModelError.of("invalid IPv4 address '%s': octet '%s' has a leading zero, which"
            + " some tools read as octal and Kubernetes refuses; write %d", whole, p, Integer.parseInt(p)));
      }
      int o = Integer.parseInt(p);
      if (o > 255) {
        return Validation.invalid(ModelError.of(
            "invalid IPv4 address '%s': octet %d is greater than 255", whole, o));
      }
      v = (v << 8) | o;
    }
    return Validation.valid(v);
  }

  /**
   * The value of {@code t} when it is four dot-separated octets of one to three digits, without a leading zero, none
   * above 255, else -1 (then {@link #parseV4} says what is wrong).
   */
  static long plainV4(String t) {
    return dottedQuad(t, 0, t.length());
  }

  /**
   * The value of the plain dotted quad {@code t[from, to)} (four octets of one to three digits, without a leading
   * zero, none above 255), or -1 for anything else: one pass over the characters, nothing made, for readers that
   * scan fields of a larger text (a flow-log tuple) as {@link #parse} reads a whole one.
   *
   * <pre>{@code
   * IpAddress.dottedQuad("1671521722,192.168.1.4,", 11, 22);   // 0xC0A80104
   * IpAddress.dottedQuad("10.0.0.01", 0, 9);                  // -1: a leading zero
   * }</pre>
   */
  public static long dottedQuad(CharSequence t, int from, int to) {
    long v = 0;
    int i = from;
    for (int octet = 0; octet < 4; octet++) {
      int start = i;
      int o = 0;
      while (i < to && i - start < 3 && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
        o = o * 10 + (t.charAt(i) - '0');
        i++;
      }
      if (i == start || o > 255 || (i - start > 1 && t.charAt(start) == '0')) {
        return -1;
      }
      v = (v << 8) | o;
      if (octet < 3) {
        if (i >= to || t.charAt(i) != '.') {
          return -1;
        }
        i++;
      }
    }
    return i == to ? v : -1;
  }

  private static Validation<ModelError, IpAddress> parseV6(String t) {
    String s = t;
    int[] words = new int[8];
    long v4Tail = -1;
    int lastColon = s.lastIndexOf(':');
    if (s.indexOf('.', lastColon) >= 0) {
      Validation<ModelError, Long> tail = parseV4(s.substring(lastColon + 1), t);
      if (tail.isInvalid()) {
        return Validation.invalid(ModelError.of("invalid IPv6 address '%s': bad IPv4 tail", t));
      }
      v4Tail = tail.get();
      s = s.substring(0, lastColon + 1) + "0:0";
    }
    int dbl = s.indexOf("::");
    if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
      return Validation.invalid(ModelError.of("invalid IPv6 address '%s': '::' appears more than once", t));
    }
    String[] head;
    String[] tailParts;
    if (dbl >= 0) {
      String a = s.substring(0, dbl);
      String b = s.substring(dbl + 2);
      head = a.isEmpty() ? new String[0] : a.split(":", -1);
      tailParts = b.isEmpty() ? new String[0] : b.split(":", -1);
      if (head.length + tailParts.length > 7) {
        return Validation.invalid(ModelError.of("invalid IPv6 address '%s': too many groups", t));
      }
    } else {
      head = s.split(":", -1);
      tailParts = new String[0];
      if (head.length != 8) {
        return Validation.invalid(ModelError.of(
            "invalid IPv6 address '%s': expected 8 groups, found %d", t, head.length));
      }
    }
    for (int i = 0; i < head.length; i++) {
      Validation<ModelError, Integer> w = word(head[i], t);
      if (w.isInvalid()) {
        return Validation.invalid(w.getError());
      }
      words[i] = w.get();
    }
    for (int i = 0; i < tailParts.length; i++) {
      Validation<ModelError, Integer> w = word(tailParts[i], t);
      if (w.isInvalid()) {
        return Validation.invalid(w.getError());
      }
      words[8 - tailParts.length + i] = w.get();
    }
    long hi = 0;
    long lo = 0;
    for (int i = 0; i < 4; i++) {
      hi = (hi << 16) | words[i];
      lo = (lo << 16) | words[i + 4];
    }
    if (v4Tail >= 0) {
      lo = (lo & 0xFFFF_FFFF_0000_0000L) | v4Tail;
    }
    return Validation.valid(new IpAddress(hi, lo));
  }

  private static Validation<ModelError, Integer> word(String w, String whole) {
    if (w.isEmpty() || w.length() > 4) {
      return Validation.invalid(ModelError.of("invalid IPv6 address '%s': bad group '%s'", whole, w));
    }
    int v = 0;
    for (char c : w.toCharArray()) {
      int d = Character.digit(c, 16);
      if (d < 0) {
        return Validation.invalid(ModelError.of("invalid IPv6 address '%s': bad group '%s'", whole, w));
      }
      v = v * 16 + d;
    }
    return Validation.valid(v);
  }

  public IpFamily family() {
    return hi == V4_MAPPED_HI && (lo & 0xFFFF_FFFF_0000_0000L) == V4_MAPPED_LO_BASE ? IpFamily.V4 : IpFamily.V6;
  }

  /** High 64 bits of the 128-bit key. */
  public long hi() {
    return hi;
  }

  /** Low 64 bits of the 128-bit key. */
  public long lo() {
    return lo;
  }

  /** The 32-bit value of an IPv4 address. */
  public long v4Value() {
    if (family() != IpFamily.V4) {
      throw new InvalidModelException("not an IPv4 address: " + this);
    }
    return lo & 0xFFFF_FFFFL;
  }

  /** The next address in the 128-bit key space (wraps at the top). */
  public IpAddress next() {
    return new IpAddress(U128.incHi(hi, lo), U128.incLo(lo));
  }

  @Override
  public int compareTo(IpAddress o) {
    return U128.compare(hi, lo, o.hi, o.lo);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IpAddress && ((IpAddress) o).hi == hi && ((IpAddress) o).lo == lo;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(hi) * 31 + Long.hashCode(lo);
  }

  @Override
  public String toString() {
    if (family() == IpFamily.V4) {
      long v = lo & 0xFFFF_FFFFL;
      return ((v >>> 24) & 255) + "." + ((v >>> 16) & 255) + "." + ((v >>> 8) & 255) + "." + (v & 255);
    }
    int[] w = new int[8];
    for (int i = 0; i < 4; i++) {
      w[i] = (int) ((hi >>> (48 - 16 * i)) & 0xFFFF);
      w[i + 4] = (int) ((lo >>> (48 - 16 * i)) & 0xFFFF);
    }
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      if (w[i] == 0) {
        int j = i;
        while (j < 8 && w[j] == 0) {
          j++;
        }
        if (j - i > bestLen) {
          bestStart = i;
          bestLen = j - i;
        }
        i = j;
      } else {
        i++;
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(w[i]));
    }
    return sb.toString();
  }
}
