package io.github.aksreach.core.model;

/**
 * The two address families. IPv4 addresses are embedded in the IPv6-mapped block {@code ::ffff:0:0/96} of one
 * 128-bit key space, so that one set type holds both families.
 *
 * <pre>{@code
 * IpAddress.of("10.0.0.1").family();   // V4
 * IpSet.all(IpFamily.V6).contains(IpAddress.of("10.0.0.1"));   // false: the families are disjoint
 * }</pre>
 */
public enum IpFamily {
  V4(32),
  V6(128);

  private final int bits;

  IpFamily(int bits) {
    this.bits = bits;
  }

  /** Address width in bits: 32 or 128. */
  public int bits() {
    return bits;
  }
}
