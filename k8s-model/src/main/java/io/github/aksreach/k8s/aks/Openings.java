package io.github.aksreach.k8s.aks;

import io.github.aksreach.k8s.cluster.Scenario;
import io.github.aksreach.k8s.cluster.AksOptions;
import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.solver.Action;
import io.github.aksreach.core.solver.Hop;
import io.github.aksreach.core.solver.PathResult;
import io.github.aksreach.core.solver.RuleRef;
import io.github.aksreach.core.solver.SolveOptions;
import io.github.aksreach.k8s.trace.Describe;
import io.github.aksreach.nsg.eval.NsgOrigin;
import io.github.aksreach.nsg.model.Direction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The NSG openings a flow needs on every path the load balancer may choose: derived from the model by tracing the
 * flow with the backends that would be in rotation once the NSGs admit the probes (and what kube-proxy forwards them
 * as), continuing past every deny, so each NSG hop on each path is listed with the
 * header it really sees (client address, or a node address after kube-proxy's SNAT) and whether it is open today.
 *
 * <pre>{@code
 * List<Openings.Opening> needed = Openings.required(scenario, AksOptions.defaults(), flow);
 * needed.stream().filter(o -> o.category() == Openings.Category.NODE_TO_NODE).count();   // lateral openings
 * needed.stream().filter(o -> !o.open()).forEach(o -> System.out.println("missing: " + o));
 * }</pre>
 *
 * <p>This is the article's conclusion as data: under externalTrafficPolicy Cluster every node must reach the nodes
 * hosting the ingress pods on the ingress port and every node subnet must admit the clients; under Local only the
 * nodes hosting ingress pods need the client rule and no node-to-node opening is needed.
 */
public final class Openings {
  private Openings() {}

  /** What kind of traffic an opening admits. */
  public enum Category {
    /** The client's own flow (source kept: no SNAT yet). */
    CLIENT,
    /** A node's address as source: kube-proxy forwarding to another node (lateral movement). */
    NODE_TO_NODE,
    /** A pod's address as source: the ingress controller proxying to a backend pod. */
    POD_TO_POD,
    /** Anything else. */
    OTHER
  }

  /**
   * One NSG opening.
   *
   * @param nsg the NSG, where it is attached and the direction
   * @param flow the header the NSG sees
   * @param open whether the NSG allows it today
   * @param rule the deciding rule today
   * @param category what kind of traffic it is
   */
  public record Opening(NsgOrigin nsg, Flow flow, boolean open, Optional<RuleRef> rule, Category category) {
    /** Whether the opening is an inbound rule. */
    public boolean inbound() {
      return nsg.direction() == Direction.INBOUND;
    }

    @Override
    public String toString() {
      return (open ? "open   " : "MISSING") + " " + Describe.label(nsg) + " " + (inbound() ? "inbound " : "outbound ")
          + flow.protocol()
          + " " + flow.srcIp() + " -> " + flow.dst() + " [" + category + "]" + rule.map(r -> " (today: " + r + ")")
          .orElse("");
    }
  }

  public static List<Opening> required(Scenario s, AksOptions options, Flow flow) {
    return required(AksReachability.of(s, assumingOpenNsgs(options)), flow);
  }

  /**
   * The options the openings are traced with: {@code options} with the backends in rotation that would be once the
   * NSGs admit the probes, and no transient health.
   */
  public static AksOptions assumingOpenNsgs(AksOptions options) {
    return options.withTransientHealth(false).withHealthAssumingOpenNsgs(true);
  }

  /**
   * {@link #required(Scenario, AksOptions, Flow)} on an analysis already assembled with {@link #assumingOpenNsgs}
   * options: for many flows of one scenario, one assembly (a check over every Service's client flows assembled the
   * whole network once per flow).
   *
   * <pre>{@code
   * AksReachability open = AksReachability.of(scenario, Openings.assumingOpenNsgs(AksOptions.defaults()));
   * for (Flow f : flows) Openings.required(open, f);
   * }</pre>
   *
   * @throws IllegalArgumentException if {@code analysis} was assembled with other health options
   */
  public static List<Opening> required(AksReachability analysis, Flow flow) {
    AksOptions o = analysis.options();
    if (o.transientHealth() || !o.healthAssumesOpenNsgs()) {
      throw new IllegalArgumentException("openings are traced on an analysis made with Openings.assumingOpenNsgs"
          + " options (no transient health, health assuming open NSGs)");
    }
    Scenario s = analysis.scenario();
    IpSet nodeAddresses = analysis.network().nodeAddresses();
    List<PathResult> paths = analysis.check(flow, SolveOptions.explaining()).verdict().paths();
    Map<List<Object>, Opening> out = new LinkedHashMap<>();
    for (PathResult p : paths) {
      for (Hop h : p.hops()) {
        if (!(h.origin() instanceof NsgOrigin) || !((NsgOrigin) h.origin()).hasNsg()) {
          continue;
        }
        NsgOrigin nsg = (NsgOrigin) h.origin();
        Flow seen = h.seen(flow);
        boolean open = h.action() != Action.DENIED;
        List<Object> key = List.of(nsg, seen.srcIp(), seen.dst());
        out.putIfAbsent(key, new Opening(nsg, seen.withSrc(seen.srcIp(), 0), open, h.rule(),
            category(s, nodeAddresses, flow, seen)));
      }
    }
    return new ArrayList<>(out.values());
  }

  /** {@code nodeAddresses}: every node InternalIP ({@code AksNetwork.nodeAddresses()}, one lookup for any node). */
  private static Category category(Scenario s, IpSet nodeAddresses, Flow client, Flow seen) {
    if (seen.srcIp().equals(client.srcIp())) {
      return Category.CLIENT;
    }
    if (nodeAddresses.contains(seen.srcIp())) {
      return Category.NODE_TO_NODE;
    }
    if (s.kubernetes().podByIp(seen.srcIp()).isPresent()) {
      return Category.POD_TO_POD;
    }
    return Category.OTHER;
  }
}
