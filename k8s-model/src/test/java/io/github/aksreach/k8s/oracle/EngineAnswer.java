package io.github.aksreach.k8s.oracle;

import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.solver.Hop;
import io.github.aksreach.core.solver.PathResult;
import io.github.aksreach.k8s.analysis.CheckReport;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The engine's answer ({@code AksReachability.check}) in the oracle's terms, read through public values only: the
 * verdict kind, the delivered fraction, and per path its weight, whether it delivered, the header at its end (the
 * path's final rewrites applied to the flow), or its drop kind and status. No hop text is parsed. This is the one
 * class that reads the engine's trace types, so a change there touches only it.
 *
 * <pre>{@code
 * EngineAnswer e = EngineAnswer.of(analysis.check(flow));
 * e.kind();    // "SOMETIMES"
 * e.byKey();   // {"DELIVERED 10.0.1.4 -> 10.244.0.10:8080"=2/3, "DROPPED KUBE_PROXY"=1/3}
 * }</pre>
 *
 * @param kind ALWAYS, SOMETIMES or NEVER
 * @param deliveredFraction the delivered fraction
 * @param byKey the summed weight per leaf key ({@link LeafKey})
 */
public record EngineAnswer(String kind, Fraction deliveredFraction, Map<LeafKey, Fraction> byKey) {
  public static EngineAnswer of(CheckReport r) {
    Map<LeafKey, Fraction> keys = new TreeMap<>();
    for (PathResult p : r.verdict().paths()) {
      Flow end = Hop.apply(r.flow(), p.finalRewrites());
      String dropKind = p.drop().map(d -> d.kind().name()).orElse("");
      OptionalInt status = p.drop().map(d -> d.status()).orElse(OptionalInt.empty());
      LeafKey key = LeafKey.of(p.delivered(), end, dropKind, status);
      keys.merge(key, new Fraction(p.weight().numerator(), p.weight().denominator()), Fraction::plus);
    }
    Fraction f = new Fraction(r.verdict().deliveredFraction().numerator(),
        r.verdict().deliveredFraction().denominator());
    return new EngineAnswer(r.verdict().kind().name(), f, keys);
  }
}
