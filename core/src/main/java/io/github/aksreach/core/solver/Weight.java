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
    return of(BigInteger.valueOf(num), BigInteger.valueOf(den));
  }

  public static Weight of(BigInteger num, BigInteger den) {
    if (den.signum() <= 0 || num.signum() < 0 || num.compareTo(den) > 0) {
      throw new IllegalArgumentException("weight must be in [0, 1]: " + num + "/" + den);
    }
    BigInteger g = num.gcd(den);
    if (num.signum() == 0) {
      return ZERO;
    }
    return new Weight(num.divide(g), den.divide(g));
  }

  public Weight times(Weight o) {
    return of(num.multiply(o.num), den.multiply(o.den));
  }

  public Weight plus(Weight o) {
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
