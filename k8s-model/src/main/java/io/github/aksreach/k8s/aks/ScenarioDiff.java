package io.github.aksreach.k8s.aks;

import io.github.aksreach.k8s.cluster.L7;
import io.github.aksreach.core.model.Destination;
import io.github.aksreach.k8s.cluster.LbRuleSpec;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.core.solver.ReachSets;
import io.github.aksreach.core.solver.Verdict;
import io.github.aksreach.nsg.model.Probe;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What changes between two scenarios (the {@code diff} command): for each destination, the source addresses whose
 * verdict differs, and every load-balancer backend whose derived health differs. The what-if question "what breaks if
 * I switch to externalTrafficPolicy Local?" is a diff of the dump and a copy with the Service edited.
 *
 * <pre>{@code
 * AksReachability before = AksReachability.load(Path.of("prod")).get();
 * AksReachability after = AksReachability.load(Path.of("prod-etp-local")).get();
 * ScenarioDiff d = ScenarioDiff.of(before, after, ScenarioDiff.frontends(before, after));
 * d.reach().get(0);      // 192.168.0.22:80/tcp SOMETIMES -> ALWAYS for 192.168.1.0/24
 * d.health();            // aks-system-...: UP (Tcp 30080) -> DOWN (Http 31049 /healthz)
 * }</pre>
 *
 * <p>Every source address of the destination's family is compared, symbolically ({@code reach} in both scenarios), so
 * a change is reported as exact CIDR lists, never as samples.
 *
 * @param destinations the destinations compared, in order
 * @param reach the source sets whose verdict changed, per destination (none for an unchanged destination)
 * @param health the backends whose state changed, appeared or disappeared
 */
public record ScenarioDiff(List<Destination> destinations, List<ReachChange> reach, List<HealthChange> health) {
  public ScenarioDiff {
    destinations = List.copyOf(destinations);
    reach = List.copyOf(reach);
    health = List.copyOf(health);
  }

  /**
   * Sources of one destination whose verdict went from {@code before} to {@code after}.
   *
   * <pre>{@code
   * for (ScenarioDiff.ReachChange c : diff.reach()) {
   *   System.out.println(c.to() + " " + c.before() + " -> " + c.after() + ": " + c.sources().toCidrs());
   * }
   * }</pre>
   */
  public record ReachChange(Destination to, Verdict.Kind before, Verdict.Kind after, IpSet sources) {}

  /**
   * A backend (a node behind one load-balancing rule of a frontend) whose state or probe differs; empty on the side
   * where it does not exist. Backends are compared per rule, so a change of probe grouping (under
   * externalTrafficPolicy Local every port of a Service shares the health-check probe) still pairs each rule's
   * backend before and after.
   *
   * <pre>{@code
   * diff.health().stream().filter(h -> h.after().isEmpty());   // backends that left the pool
   * }</pre>
   *
   * @param frontend the frontend address
   * @param rule the load-balancing rule's name (derived from the Service's UID and port: stable across edits)
   * @param node the backend node
   * @param before the state and probe before, if the backend existed
   * @param after the state and probe after, if the backend exists
   */
  public record HealthChange(IpAddress frontend, String rule, String node, Optional<Side> before,
                             Optional<Side> after) {}

  /**
   * A backend's state and probe on one side of a diff.
   *
   * <pre>{@code
   * change.after().map(ScenarioDiff.Side::state);   // Optional[DOWN]
   * }</pre>
   */
  public record Side(BackendHealth.State state, String probe) {
    @Override
    public String toString() {
      return state + " (" + probe + ")";
    }
  }

  /**
   * Every load-balancing rule's frontend, port and protocol in {@code a}, then those only {@code b} has. HA-ports
   * rules (every port, frontend port 0) are left out: name a port of theirs as a destination.
   */
  public static List<Destination> frontends(AksReachability a, AksReachability b) {
    Set<Destination> out = new LinkedHashSet<>();
    for (AksReachability x : List.of(a, b)) {
      for (LbRuleSpec r : x.network().loadBalancing().rules()) {
        if (r.frontendPort() != 0) {
          for (Protocol p : List.of(Protocol.TCP, Protocol.UDP, Protocol.SCTP)) {
            if (r.protocols().contains(p)) {
              out.add(new Destination(r.frontendIp(), r.frontendPort(), p));
            }
          }
        }
      }
    }
    return new ArrayList<>(out);
  }

  /** Compares {@code before} and {@code after} on these destinations (layer 4) and on every backend's health. */
  public static ScenarioDiff of(AksReachability before, AksReachability after, List<Destination> destinations) {
    List<ReachChange> changes = new ArrayList<>();
    for (Destination d : destinations) {
      IpSet all = IpSet.all(d.address().family());
      ReachSets x = before.reach(d, L7.none(), all).sets();
      ReachSets y = after.reach(d, L7.none(), all).sets();
      for (Verdict.Kind k1 : Verdict.Kind.values()) {
        for (Verdict.Kind k2 : Verdict.Kind.values()) {
          if (k1 != k2) {
            IpSet moved = of(x, k1).intersection(of(y, k2));
            if (!moved.isEmpty()) {
              changes.add(new ReachChange(d, k1, k2, moved));
            }
          }
        }
      }
    }
    return new ScenarioDiff(destinations, changes, healthChanges(before.health(), after.health()));
  }

  private static IpSet of(ReachSets s, Verdict.Kind k) {
    return switch (k) {
      case ALWAYS -> s.always();
      case SOMETIMES -> s.sometimes();
      case NEVER -> s.never();
    };
  }

  /** A backend of one rule on one frontend. */
  private record BackendKey(IpAddress frontend, String rule, String node) {}

  private static Map<BackendKey, Side> states(HealthReport h) {
    Map<BackendKey, Side> out = new LinkedHashMap<>();
    for (BackendHealth b : h.backends()) {
      Side side = new Side(b.state(), b.probe().map(Probe::describe).orElse("no probe"));
      for (LbRuleSpec r : b.rules()) {
        out.merge(new BackendKey(b.frontend(), r.name(), b.node().name()), side, ScenarioDiff::worse);
      }
    }
    return out;
  }

  /** A rule has one probe, so one entry per backend; should a dump give two, the worse state counts. */
  private static Side worse(Side a, Side b) {
    return b.state().ordinal() > a.state().ordinal() ? b : a;
  }

  private static List<HealthChange> healthChanges(HealthReport before, HealthReport after) {
    Map<BackendKey, Side> x = states(before);
    Map<BackendKey, Side> y = states(after);
    Set<BackendKey> keys = new LinkedHashSet<>(x.keySet());
    keys.addAll(y.keySet());
    List<HealthChange> out = new ArrayList<>();
    for (BackendKey k : keys) {
      Optional<Side> s1 = Optional.ofNullable(x.get(k));
      Optional<Side> s2 = Optional.ofNullable(y.get(k));
      if (!s1.equals(s2)) {
        out.add(new HealthChange(k.frontend(), k.rule(), k.node(), s1, s2));
      }
    }
    return out;
  }

  /** Whether nothing changed. */
  public boolean isEmpty() {
    return reach.isEmpty() && health.isEmpty();
  }
}
