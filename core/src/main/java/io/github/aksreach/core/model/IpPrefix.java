package io.github.aksreach.core.model;

import io.vavr.control.Validation;

/**
 * A CIDR prefix such as {@code 10.244.0.0/16} or {@code 2001:db8::/32}; a bare address is a full-length prefix.
 *
 * <pre>{@code
 * IpPrefix p = IpPrefix.of("10.244.2.0/24");
 * p.contains(IpAddress.of("10.244.2.1"));   // true
 * IpPrefix.parse("10.0.0.1/33").getError().message();
 * // "invalid prefix '10.0.0.1/33': length 33 is out of range 0-32 for IPv4"
 * IpPrefix.of("10.0.0.7/24").toString();   // "10.0.0.0/24": host bits are cleared, as Azure and iptables do
 * }</pre>
 */
public final class IpPrefix {
  private final IpAddress network;
  private final int length;

  private IpPrefix(IpAddress network, int length) {
    this.network = network;
    this.length = length;
  }

  /** Parses, throwing {@link InvalidModelException} for bad input. */
  public static IpPrefix of(String text) {
    return InvalidModelException.orThrow(parse(text));
  }

  /** The prefix of {@code length} bits (within the family) containing {@code address}. */
  public static IpPrefix of(IpAddress address, int length) {
    int max = address.family().bits();
    if (length < 0 || length > max) {
      throw new InvalidModelException("prefix length " + length + " out of range 0-" + max);
    }
    int keyLen = length + (128 - max);
    long hiMask = keyLen >= 64 ? -1L : keyLen == 0 ? 0L : -1L << (64 - keyLen);
    long loMask = keyLen <= 64 ? 0L : keyLen == 128 ? -1L : -1L << (128 - keyLen);
    return new IpPrefix(IpAddress.ofKey(address.hi() & hiMask, address.lo() & loMask), length);
  }

  /** Parses {@code a.b.c.d/n}, {@code a.b.c.d}, {@code v6/n} or a bare IPv6 address. */
  public static Parsed<IpPrefix> parse(String text) {
    return Parsed.of(parseResult(text));
  }

  private static Validation<ModelError, IpPrefix> parseResult(String text) {
    if (text == null || text.isBlank()) {
      return Validation.invalid(ModelError.of("invalid prefix '': empty"));
    }
    String t = IpAddress.blanksTrimmed(text);
    int slash = t.indexOf('/');
    String addr = slash < 0 ? t : t.substring(0, slash);
    Validation<ModelError, IpAddress> a = IpAddress.parse(addr);
    if (a.isInvalid()) {
      return Validation.invalid(ModelError.of("invalid prefix '%s': %s", t, a.getError().message()));
    }
    int max = a.get().family().bits();
    if (slash < 0) {
      return Validation.valid(of(a.get(), max));
    }
    String len = t.substring(slash + 1);
    if (len.isEmpty() || len.length() > 3 || !IpAddress.allDigits(len)) {
      return Validation.invalid(ModelError.of("invalid prefix '%s': length '%s' is not a number", t, len));
    }
    int n = Integer.parseInt(len);
    if (n > max) {
      return Validation.invalid(ModelError.of(
          "invalid prefix '%s': length %d is out of range 0-%d for %s", t, n, max,
          max == 32 ? "IPv4" : "IPv6"));
    }
    return Validation.valid(of(a.get(), n));
  }

  /**
   * Whether {@code text}, a prefix {@link #parse} takes, written with a slash, has host bits set: its address is not
   * the network, which {@link #parse} clears ({@code 10.0.0.7/24}). False for a bare address and for what
   * {@link #parse} refuses.
   */
  public static boolean hasHostBits(String text) {
    Validation<ModelError, IpPrefix> p = parseResult(text);
    if (p.isInvalid()) {
      return false;
    }
    String t = IpAddress.blanksTrimmed(text);
    int slash = t.indexOf('/');
    return slash >= 0 && !IpAddress.parse(t.substring(0, slash)).get().equals(p.get().network());
  }

  public IpAddress network() {
    return network;
  }

  /** Prefix length within the family (0-32 or 0-128). */
  public int length() {
    return length;
  }

  public IpFamily family() {
    return network.family();
  }

  /** The first address of the prefix, the same as the network address. */
  public IpAddress first() {
    return network;
  }

  /** The last address of the prefix. */
  public IpAddress last() {
    int hostBits = family().bits() - length;
    long loOnes = hostBits >= 64 ? -1L : hostBits == 0 ? 0L : (1L << hostBits) - 1;
    long hiOnes = hostBits <= 64 ? 0L : hostBits == 128 ? -1L : (1L << (hostBits - 64)) - 1;
    return IpAddress.ofKey(network.hi() | hiOnes, network.lo() | loOnes);
  }

  public boolean contains(IpAddress a) {
    return a.compareTo(first()) >= 0 && a.compareTo(last()) <= 0;
  }

  /** This prefix as a set. */
  public IpSet toIpSet() {
    return IpSet.of(this);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IpPrefix && ((IpPrefix) o).network.equals(network) && ((IpPrefix) o).length == length;
  }

  @Override
  public int hashCode() {
    return network.hashCode() * 131 + length;
  }

  @Override
  public String toString() {
    return network + "/" + length;
  }
}
