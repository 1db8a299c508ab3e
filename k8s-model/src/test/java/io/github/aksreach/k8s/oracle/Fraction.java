package io.github.aksreach.k8s.oracle;

import java.math.BigInteger;

/**
 * An exact non-negative rational, the oracle's own (it shares nothing with the solver's weights).
 *
 * <pre>{@code
 * Fraction.of(1, 3).times(Fraction.of(1, 2)).plus(Fraction.of(1, 6));   // 1/3
 * }</pre>
 *
 * @param num numerator (in lowest terms)
 * @param den denominator, positive
 */
public record Fraction(BigInteger num, BigInteger den) implements Comparable<Fraction> {
  public static final Fraction ZERO = of(0, 1);
  public static final Fraction ONE = of(1, 1);

  public Fraction {
    if (den.signum() <= 0) {
      throw new IllegalArgumentException("denominator " + den);
    }
    BigInteger g = num.gcd(den);
    if (g.signum() > 0 && !g.equals(BigInteger.ONE)) {
      num = num.divide(g);
      den = den.divide(g);
    }
  }

  public static Fraction of(long num, long den) {
    return new Fraction(BigInteger.valueOf(num), BigInteger.valueOf(den));
  }

  public Fraction times(Fraction o) {
    return new Fraction(num.multiply(o.num), den.multiply(o.den));
  }

  public Fraction plus(Fraction o) {
    return new Fraction(num.multiply(o.den).add(o.num.multiply(den)), den.multiply(o.den));
  }

  public boolean isZero() {
    return num.signum() == 0;
  }

  public boolean isOne() {
    return num.equals(den);
  }

  @Override
  public int compareTo(Fraction o) {
    return num.multiply(o.den).compareTo(o.num.multiply(den));
  }

  @Override
  public String toString() {
    return num + "/" + den;
  }
}
