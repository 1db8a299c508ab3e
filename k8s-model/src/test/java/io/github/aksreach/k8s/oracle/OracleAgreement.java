package io.github.aksreach.k8s.oracle;

import io.github.aksreach.core.model.Flow;
import io.github.aksreach.k8s.cluster.AksNetwork;
import io.github.aksreach.k8s.aks.AksReachability;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpFamily;
import io.github.aksreach.k8s.model.Node;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiPredicate;

/**
 * Compares the oracle with the engine flow by flow and keeps the score: verdicts and drop kinds seen (so a run that
 * never meets a NEVER, or never an NSG drop, can be refused as vacuous), disagreements, and disagreements that a named
 * {@link Exclusion} explains (each documented engine defect or modelling difference, never a silent skip).
 *
 * <pre>{@code
 * OracleAgreement t = new OracleAgreement(List.of(OracleAgreement.exclusion("name", "why", (s, f) -> ...)));
 * t.check("scenario", analysis, oracle, flow);
 * t.mismatches();            // must be empty
 * t.verdicts();              // {"ALWAYS"=.., "NEVER"=.., "SOMETIMES"=..}
 * }</pre>
 */
public final class OracleAgreement {
  /** The {@link #legs()} name of a request handled by an Istio gateway pod. */
  public static final String ISTIO_LEG = "istio-gateway";
  /** The {@link #legs()} name of a flow to an Application Gateway for Containers frontend. */
  public static final String AGC_LEG = "agc";
  /**
   * A known disagreement, kept out of the assertion by name.
   *
   * @param name a short name
   * @param why which side is right and why (DOMAIN.md section)
   * @param matches which disagreements (flow and both answers) on which assembled network it covers
   */
  public record Exclusion(String name, String why, BiPredicate<AksNetwork, Mismatch> matches) {}

  /** One disagreement, with both answers. */
  public record Mismatch(String scenario, Flow flow, OracleAnswer oracle, EngineAnswer engine) {
    public String describe() {
      return summary() + oracle.describe();
    }

    /** Both answers without the oracle's trail. */
    public String summary() {
      return scenario + ": " + flow + (flow.host().isPresent() || flow.path().isPresent()
          ? " host " + flow.host().orElse("-") + " path " + flow.path().orElse("-") : "")
          + "\n engine " + engine.kind() + " " + engine.deliveredFraction() + " " + engine.byKey()
          + "\n oracle " + oracle.kind() + " " + oracle.deliveredFraction() + " " + oracle.byKey() + "\n";
    }
  }

  private final List<Exclusion> exclusions;
  private final Map<String, Integer> verdicts = new TreeMap<>();
  private final Map<String, Integer> dropKinds = new TreeMap<>();
  private final Map<String, Integer> legs = new TreeMap<>();
  private final Map<String, Integer> excluded = new TreeMap<>();
  private final List<Mismatch> mismatches = new ArrayList<>();
  private final List<Mismatch> excludedCases = new ArrayList<>();
  private int flows;
  private long oracleNanos;
  private long engineNanos;

  public OracleAgreement(List<Exclusion> exclusions) {
    this.exclusions = List.copyOf(exclusions);
  }

  public static Exclusion exclusion(String name, String why, BiPredicate<AksNetwork, Mismatch> matches) {
    return new Exclusion(name, why, matches);
  }

  /** Whether both answers agree: verdict, exact fraction, and the weight of every leaf key. */
  public static boolean agree(OracleAnswer o, EngineAnswer e) {
    return o.kind().equals(e.kind()) && o.deliveredFraction().compareTo(e.deliveredFraction()) == 0
        && o.byKey().equals(e.byKey());
  }

  /**
   * Whether both answers agree once every delivered source that is a node's address (an InternalIP, or the kubenet
   * bridge address of its pod CIDR) is read as "some node": they differ at most in which node's address a
   * masquerade shows.
   */
  public static boolean agreeUpToNodeSources(AksNetwork net, OracleAnswer o, EngineAnswer e) {
    Set<IpAddress> nodes = new HashSet<>();
    for (Node n : net.kubernetes().nodes()) {
      nodes.addAll(n.internalIps());
      for (IpFamily f : IpFamily.values()) {
        n.bridgeAddress(f).ifPresent(nodes::add);
      }
    }
    return o.kind().equals(e.kind()) && o.deliveredFraction().compareTo(e.deliveredFraction()) == 0
        && normalized(o.byKey(), nodes).equals(normalized(e.byKey(), nodes));
  }

  private static Map<LeafKey, Fraction> normalized(Map<LeafKey, Fraction> keys, Set<IpAddress> nodes) {
    Map<LeafKey, Fraction> out = new TreeMap<>();
    keys.forEach((k, w) -> out.merge(k.withNodeSources(nodes::contains), w, Fraction::plus));
    return out;
  }

  /** Checks one flow; returns whether the answers agreed (an excluded disagreement counts as not agreeing). */
  public boolean check(String scenario, AksReachability engine, ConcreteOracle oracle, Flow flow) {
    long t0 = System.nanoTime();
    OracleAnswer o = oracle.check(flow);
    long t1 = System.nanoTime();
    EngineAnswer e = EngineAnswer.of(engine.check(flow));
    oracleNanos += t1 - t0;
    engineNanos += System.nanoTime() - t1;
    flows++;
    if (agree(o, e)) {
      verdicts.merge(o.kind(), 1, Integer::sum);
      for (String leg : o.legs()) {
        legs.merge(leg, 1, Integer::sum);
        legs.merge(leg + " " + o.kind(), 1, Integer::sum);
        if (flow.dstPort() == 443 && (flow.host().isPresent() || flow.path().isPresent())) {
          legs.merge(leg + " https", 1, Integer::sum);
        }
        for (OracleLeaf l : o.leaves()) {
          l.status().ifPresent(st -> legs.merge(leg + " status " + st, 1, Integer::sum));
          if (l.trail().stream().anyMatch(t -> t.contains(GatewayLegs.TLS_REFUSED))) {
            legs.merge(leg + " tls-refused", 1, Integer::sum);
          }
        }
      }
      for (OracleLeaf l : o.leaves()) {
        if (!l.delivered()) {
          dropKinds.merge(l.dropKind(), 1, Integer::sum);
        }
      }
      return true;
    }
    Mismatch m = new Mismatch(scenario, flow, o, e);
    for (Exclusion x : exclusions) {
      if (x.matches().test(engine.network(), m)) {
        excluded.merge(x.name(), 1, Integer::sum);
        excludedCases.add(m);
        return false;
      }
    }
    mismatches.add(m);
    return false;
  }

  /** Agreeing flows per verdict. */
  public Map<String, Integer> verdicts() {
    return verdicts;
  }

  /**
   * Agreeing flows per gateway leg they went through ({@code istio-gateway}, {@code agc}), per leg and verdict
   * ({@code "agc NEVER"}), HTTP requests to port 443 per leg ({@code "agc https"}), and leaves per leg and status
   * ({@code "istio-gateway status 403"}) or failed TLS handshake ({@code "istio-gateway tls-refused"}).
   */
  public Map<String, Integer> legs() {
    return legs;
  }

  /** Dropped leaves per drop kind, over agreeing flows. */
  public Map<String, Integer> dropKinds() {
    return dropKinds;
  }

  /** Disagreements per exclusion name. */
  public Map<String, Integer> excluded() {
    return excluded;
  }

  public List<Exclusion> exclusions() {
    return exclusions;
  }

  public List<Mismatch> excludedCases() {
    return excludedCases;
  }

  public List<Mismatch> mismatches() {
    return mismatches;
  }

  public int flows() {
    return flows;
  }

  /** The first {@code n} disagreements, in words. */
  public String describeMismatches(int n) {
    StringBuilder sb = new StringBuilder(mismatches.size() + " disagreements of " + flows + " flows\n");
    for (Mismatch m : mismatches.subList(0, Math.min(n, mismatches.size()))) {
      sb.append(m.describe()).append('\n');
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return flows + " flows, verdicts " + verdicts + ", drop kinds " + dropKinds + ", gateway legs " + legs
        + ", excluded " + excluded
        + ", disagreements " + mismatches.size() + " (oracle " + oracleNanos / 1_000_000 + " ms, engine "
        + engineNanos / 1_000_000 + " ms)";
  }
}
