package io.github.aksreach.core.solver;

import java.math.BigInteger;

/**
 * An exact probability: a reduced fraction in [0, 1]. Branch weights multiply along a path and delivered weights
 * add up, exactly, so "1 of 3 backends" is 1/3 and three thirds are exactly 1.
 *
 * <pre>{@code
 * Weight third = Weight.of(1, 3);
 * third.plus(third).plus(third).equals(Weight.ONE);   // true
 * third.times(Weight.of(1, 2));                       // 1/6
 * third.toDouble();                                   // 0.3333...
 * }</pre>
 */
public final class Weight implements Comparable<Weight> {
  public static final Weight ZERO = new Weight(BigInteger.ZERO, BigInteger.ONE);
  public static final Weight ONE = new Weight(BigInteger.ONE, BigInteger.ONE);

  private final BigInteger num;
  private final BigInteger den;

  private Weight(BigInteger num, BigInteger den) {
    this.num = num;
    this.den = den;
  }

  public static Weight of(long num, long den) {
    if (den <= 0 || num < 0 || num > den) {
      throw new IllegalArgumentException("weight must be in [0, 1]: " + num + "/" + den);
    }
    if (num == 0) {
      return ZERO;
    }
    if (num == den) {
      return ONE;
    }
    long g = gcd(num, den);
    return new Weight(BigInteger.valueOf(num / g), BigInteger.valueOf(den / g));
  }

  private static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }

  /** Whether both parts fit in 31 bits, so products of two such parts fit in a long. */
  private boolean small() {
    return num.bitLength() < 32 && den.bitLength() < 32;
  }

  public static Weight of(BigInteger num, BigInteger den) {
    if (den.signum() <= 0 || num.signum() < 0 || num.compareTo(den) > 0) {
      throw new IllegalArgumentException("weight must be in [0, 1]: " + num + "/" + den);
    }
    if (num.signum() == 0) {
      return ZERO;
    }
    if (num.equals(den)) {
      return ONE;
    }
    BigInteger g = num.gcd(den);
    return new Weight(num.divide(g), den.divide(g));
  }

  public Weight times(Weight o) {
    if (o == ONE || isZero()) {
      return this;
    }
    if (this == ONE || o.isZero()) {
      return o;
    }
    if (small() && o.small()) {
      return of(num.longValue() * o.num.longValue(), den.longValue() * o.den.longValue());
    }
    return of(num.multiply(o.num), den.multiply(o.den));
  }

  public Weight plus(Weight o) {
    if (o.isZero()) {
      return this;
    }
    if (isZero()) {
      return o;
    }
    if (small() && o.small()) {
      long d = den.longValue() * o.den.longValue();
      long n = num.longValue() * o.den.longValue() + o.num.longValue() * den.longValue();
      if (n > d) {
        throw new IllegalArgumentException("weight must be in [0, 1]: " + n + "/" + d);
      }
      return of(n, d);
    }
    return of(num.multiply(o.den).add(o.num.multiply(den)), den.multiply(o.den));
  }

  public BigInteger numerator() {
    return num;
  }

  public BigInteger denominator() {
    return den;
  }

  public boolean isZero() {
    return num.signum() == 0;
  }

  public boolean isOne() {
    return num.equals(den);
  }

  public double toDouble() {
    return num.doubleValue() / den.doubleValue();
  }

  @Override
  public int compareTo(Weight o) {
    return num.multiply(o.den).compareTo(o.num.multiply(den));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Weight && ((Weight) o).num.equals(num) && ((Weight) o).den.equals(den);
  }

  @Override
  public int hashCode() {
    return num.hashCode() * 31 + den.hashCode();
  }

  @Override
  public String toString() {
    return den.equals(BigInteger.ONE) ? num.toString() : num + "/" + den;
  }
}
