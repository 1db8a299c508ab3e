package io.github.aksreach.k8s.oracle;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The oracle's answer for one flow: every weighted leaf; the verdict and delivered fraction follow from them.
 *
 * <pre>{@code
 * OracleAnswer a = oracle.check(Flow.tcp("203.0.113.7:40000", "20.1.1.1:80"));
 * a.kind();                // "SOMETIMES"
 * a.deliveredFraction();   // 2/3
 * a.byKey();               // {"DELIVERED 10.0.1.4 -> 10.244.0.10:8080"=2/3, "DROPPED KUBE_PROXY"=1/3}
 * }</pre>
 *
 * @param leaves every leaf; weights sum to one
 */
public record OracleAnswer(List<OracleLeaf> leaves) {
  public OracleAnswer {
    leaves = List.copyOf(leaves);
  }

  public Fraction deliveredFraction() {
    Fraction f = Fraction.ZERO;
    for (OracleLeaf l : leaves) {
      if (l.delivered()) {
        f = f.plus(l.weight());
      }
    }
    return f;
  }

  /** ALWAYS, SOMETIMES or NEVER. */
  public String kind() {
    Fraction f = deliveredFraction();
    return f.isOne() ? "ALWAYS" : f.isZero() ? "NEVER" : "SOMETIMES";
  }

  /** The summed weight of each leaf key, in key order. */
  public Map<LeafKey, Fraction> byKey() {
    Map<LeafKey, Fraction> out = new TreeMap<>();
    for (OracleLeaf l : leaves) {
      out.merge(l.key(), l.weight(), Fraction::plus);
    }
    return out;
  }

  /**
   * The gateway legs some leaf went through ({@link GatewayLegs#ISTIO}, {@link GatewayLegs#AGC}), so that a test can
   * count the flows that exercised them.
   */
  public java.util.Set<String> legs() {
    java.util.Set<String> out = new java.util.TreeSet<>();
    for (OracleLeaf l : leaves) {
      for (String leg : List.of(GatewayLegs.ISTIO, GatewayLegs.AGC)) {
        if (l.trail().stream().anyMatch(t -> t.startsWith(GatewayLegs.mark(leg)))) {
          out.add(leg);
        }
      }
    }
    return out;
  }

  /** The leaves in words, one per line. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    for (OracleLeaf l : leaves) {
      sb.append("  ").append(l.weight()).append(' ').append(l.key()).append(": ")
          .append(String.join(" > ", l.trail())).append('\n');
    }
    return sb.toString();
  }
}
