package io.github.aksreach.core;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.aksreach.core.match.MatchExpr;
import io.github.aksreach.core.match.MatchExprs;
import io.github.aksreach.core.model.Field;
import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.FlowSpace;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.model.PortRange;
import io.github.aksreach.core.model.PortSet;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.core.model.ProtocolSet;
import io.github.aksreach.core.solver.Assign;
import io.github.aksreach.core.solver.Classifier;
import io.github.aksreach.core.solver.Element;
import io.github.aksreach.core.solver.Fork;
import io.github.aksreach.core.solver.Outcome;
import io.github.aksreach.core.solver.Rewrite;
import io.github.aksreach.core.solver.RuleRef;
import io.github.aksreach.core.solver.Sink;
import io.github.aksreach.core.solver.Weight;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.quicktheories.core.Gen;

/**
 * Shared generators for property tests, over deliberately small universes where brute force is exact: addresses in
 * 10.0.0.0/28 (and a few IPv6 addresses in 2001:db8::/124), ports 0-15, protocols TCP/UDP/ICMP. Later modules
 * import them through core's test-jar.
 *
 * <pre>{@code
 * qt().forAll(Gens.ipSets(), Gens.ipSets()).check((a, b) -> a.union(b).equals(b.union(a)));
 * }</pre>
 */
public final class Gens {
  /** The small IPv4 universe: 10.0.0.0/28. */
  public static final IpPrefix V4_UNIVERSE = IpPrefix.of("10.0.0.0/28");
  /** The small IPv6 universe: 2001:db8::/124. */
  public static final IpPrefix V6_UNIVERSE = IpPrefix.of("2001:db8::/124");
  public static final int MAX_PORT = 15;
  public static final Protocol[] PROTOCOLS = {Protocol.TCP, Protocol.UDP, Protocol.ICMP};

  private Gens() {}

  /** Every address of the small universes. */
  public static List<IpAddress> universe() {
    List<IpAddress> out = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      out.add(IpAddress.v4(V4_UNIVERSE.network().v4Value() + i));
      out.add(IpAddress.ofKey(V6_UNIVERSE.network().hi(), V6_UNIVERSE.network().lo() + i));
    }
    return out;
  }

  /**
   * Texts of {@code min} to {@code max} characters drawn from {@code alphabet}: for parsers and checks of text, with
   * the alphabet holding the edges of what they accept and characters just outside them.
   */
  public static Gen<String> texts(String alphabet, int min, int max) {
    return lists().of(integers().between(0, alphabet.length() - 1)).ofSizeBetween(min, max).map(ix -> {
      StringBuilder sb = new StringBuilder();
      ix.forEach(i -> sb.append(alphabet.charAt(i)));
      return sb.toString();
    });
  }

  public static Gen<IpAddress> addresses() {
    return integers().between(0, 31).map(i -> universe().get(i));
  }

  /** A prefix inside one of the small universes. */
  public static Gen<IpPrefix> prefixes() {
    return addresses().zip(integers().between(0, 4), (a, extra) ->
        IpPrefix.of(a, a.family().bits() - extra));
  }

  public static Gen<IpSet> ipSets() {
    return lists().of(prefixes()).ofSizeBetween(0, 4).map(ps -> IpSet.ofPrefixes(ps));
  }

  public static Gen<PortSet> portSets() {
    return lists().of(integers().between(0, MAX_PORT).zip(integers().between(0, 4),
        (s, len) -> PortRange.of(s, Math.min(MAX_PORT, s + len)))).ofSizeBetween(0, 3).map(rs -> PortSet.of(rs));
  }

  public static Gen<Protocol> protocols() {
    return integers().between(0, PROTOCOLS.length - 1).map(i -> PROTOCOLS[i]);
  }

  public static Gen<Flow> flows() {
    return addresses().zip(addresses(), integers().between(0, MAX_PORT), integers().between(0, MAX_PORT),
        (s, d, sp, dp) -> Flow.of(Protocol.TCP, s, sp, d, dp))
        .zip(protocols(), (f, p) -> Flow.of(p, f.srcIp(), f.srcPort(), f.dstIp(), f.dstPort()));
  }

  /** A random match over the small universes: a conjunction of 0-3 field constraints, sometimes negated. */
  public static MatchExpr match(Random r) {
    List<MatchExpr> cs = new ArrayList<>();
    int n = r.nextInt(4);
    for (int i = 0; i < n; i++) {
      switch (r.nextInt(5)) {
        case 0:
          cs.add(MatchExprs.ip(Field.SRC_IP, ipSet(r)));
          break;
        case 1:
          cs.add(MatchExprs.ip(Field.DST_IP, ipSet(r)));
          break;
        case 2:
          cs.add(MatchExprs.port(Field.DST_PORT, portSet(r)));
          break;
        case 3:
          cs.add(MatchExprs.port(Field.SRC_PORT, portSet(r)));
          break;
        default:
          cs.add(MatchExprs.protocol(ProtocolSet.of(PROTOCOLS[r.nextInt(PROTOCOLS.length)])));
      }
    }
    MatchExpr m = MatchExprs.and(cs);
    return r.nextInt(6) == 0 ? MatchExprs.not(m) : m;
  }

  public static IpSet ipSet(Random r) {
    List<IpPrefix> ps = new ArrayList<>();
    int n = 1 + r.nextInt(3);
    List<IpAddress> u = universe();
    for (int i = 0; i < n; i++) {
      IpAddress a = u.get(r.nextInt(u.size()));
      ps.add(IpPrefix.of(a, a.family().bits() - r.nextInt(5)));
    }
    return IpSet.ofPrefixes(ps);
  }

  public static PortSet portSet(Random r) {
    int s = r.nextInt(MAX_PORT + 1);
    return PortSet.of(PortRange.of(s, Math.min(MAX_PORT, s + r.nextInt(6))));
  }

  public static Flow flow(Random r) {
    List<IpAddress> u = universe();
    return Flow.of(PROTOCOLS[r.nextInt(PROTOCOLS.length)], u.get(r.nextInt(u.size())), r.nextInt(MAX_PORT + 1),
        u.get(r.nextInt(u.size())), r.nextInt(MAX_PORT + 1));
  }

  /** A random query space: a few random boxes. */
  public static FlowSpace space(Random r) {
    FlowSpace s = FlowSpace.empty();
    int n = 1 + r.nextInt(3);
    for (int i = 0; i < n; i++) {
      s = s.union(io.github.aksreach.core.match.SymbolicEncoder.encode(match(r)));
    }
    return s;
  }

  /** A random acyclic graph and its start element id. */
  public record RandomGraph(List<Element> elements, io.github.aksreach.core.solver.ElementKey start) {}

  /**
   * A random layered acyclic graph: filters (first-match classifiers whose rules allow to the next layer or drop),
   * weighted forks, SNAT/DNAT rewrites and sinks.
   */
  public static RandomGraph graph(Random r) {
    int layers = 2 + r.nextInt(4);
    List<Element> es = new ArrayList<>();
    es.add(Sink.of("sink", "sink", "SINK"));
    String next = "sink";
    for (int l = layers - 1; l >= 0; l--) {
      String id = "e" + l;
      int kind = r.nextInt(4);
      if (kind == 0) {
        int n = 2 + r.nextInt(3);
        List<Fork.Branch> bs = new ArrayList<>();
        int[] parts = new int[n];
        int total = 0;
        for (int i = 0; i < n; i++) {
          parts[i] = 1 + r.nextInt(3);
          total += parts[i];
        }
        for (int i = 0; i < n; i++) {
          String alt = id + "-alt" + i;
          // each branch: either straight on, or through its own filter, or with a rewrite
          if (r.nextBoolean()) {
            es.add(filter(r, alt, next));
            bs.add(Fork.Branch.of(Weight.of(parts[i], total), alt, List.of(), "branch " + i));
          } else {
            bs.add(Fork.Branch.of(Weight.of(parts[i], total), next, randomAssigns(r), "branch " + i));
          }
        }
        es.add(Fork.of(id, "fork " + id, "FORK", bs));
      } else if (kind == 1) {
        es.add(Rewrite.of(id, "rewrite " + id, "NAT", randomAssigns(r), next));
      } else {
        es.add(filter(r, id, next));
      }
      next = id;
    }
    return new RandomGraph(es, io.github.aksreach.core.solver.ElementKey.named(next));
  }

  /** A first-match filter of 0-5 random rules whose allows go to {@code allowTarget}. */
  public static Classifier filter(Random r, String id, String allowTarget) {
    List<Classifier.Rule> rules = new ArrayList<>();
    int n = r.nextInt(6);
    for (int i = 0; i < n; i++) {
      boolean allow = r.nextBoolean();
      rules.add(Classifier.Rule.of(RuleRef.of(id + "-r" + i, 100 + i), match(r),
          allow ? Outcome.next(allowTarget, "allowed") : Outcome.drop("FILTER", "denied").bypassingTo(allowTarget)));
    }
    Outcome otherwise = r.nextBoolean() ? Outcome.next(allowTarget, "default allow")
        : Outcome.drop("FILTER", "default deny").bypassingTo(allowTarget);
    return Classifier.of(id, "filter " + id, "FILTER", rules, otherwise);
  }

  static List<Assign> randomAssigns(Random r) {
    List<Assign> as = new ArrayList<>();
    List<IpAddress> u = universe();
    if (r.nextBoolean()) {
      as.add(Assign.srcIp(u.get(r.nextInt(u.size()))));
    }
    if (r.nextBoolean()) {
      as.add(Assign.dstIp(u.get(r.nextInt(u.size()))));
      as.add(Assign.dstPort(r.nextInt(MAX_PORT + 1)));
    }
    return as;
  }
}
