package io.github.aksreach.k8s.checks;

import io.github.aksreach.nsg.eval.NsgOrigin;
import io.github.aksreach.core.solver.Origin;
import io.github.aksreach.core.check.Location;
import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.model.Validated;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.k8s.cluster.AksNetwork;
import io.github.aksreach.k8s.cluster.AksOptions;
import io.github.aksreach.k8s.aks.AksReachability;
import io.github.aksreach.k8s.aks.Openings;
import io.github.aksreach.k8s.cluster.Scenario;
import io.github.aksreach.k8s.model.Ingress;
import io.github.aksreach.k8s.model.IngressPath;
import io.github.aksreach.k8s.model.IngressRule;
import io.github.aksreach.k8s.model.Intent;
import io.github.aksreach.k8s.model.IntentTarget;
import io.github.aksreach.k8s.model.Node;
import io.github.aksreach.k8s.model.Pod;
import io.github.aksreach.k8s.model.Service;
import io.github.aksreach.k8s.model.ServicePort;
import io.github.aksreach.k8s.nginx.IngressNginxController;
import io.github.aksreach.nsg.model.NetworkSecurityGroup;
import io.github.aksreach.nsg.model.Provenance;
import io.github.aksreach.nsg.model.SecurityRule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The subject of the AKS checks: one scenario, its end-to-end analysis (health derived from the probes), the same
 * analysis as if every NSG admitted the probes (what the cluster needs), and where each object is written.
 *
 * <pre>{@code
 * CheckContext ctx = CheckContext.load(Path.of("dumps/prod")).orElseThrow();   // or every problem, thrown
 * ctx.analysis().health();                     // backends UP, DOWN or FLAPPING
 * ctx.ingressServices();                       // LoadBalancer Services in front of ingress-nginx pods
 * ctx.location(service);                       // Optional[k8s/services.yaml:118 (items[2])]
 * AksChecks.BACKEND_DOWN_BY_POLICY.evaluate(ctx);
 * }</pre>
 *
 * <p>Analyses are computed once, on first use, and shared by every check run on the context.
 */
public final class CheckContext {
  private final Scenario scenario;
  private final Optional<Path> dir;
  private final AksOptions options;
  private final Locator locator;
  private AksReachability analysis;
  private AksReachability openAnalysis;

  private CheckContext(Scenario scenario, Optional<Path> dir, AksOptions options) {
    this.scenario = scenario;
    this.dir = dir;
    this.options = options;
    this.locator = Locator.of(dir);
  }

  /** Loads a scenario directory. */
  public static Validated<CheckContext> load(Path dir) {
    return load(dir, AksOptions.defaults());
  }

  /**
   * Loads a scenario directory through the one load path every command uses ({@link AksReachability#load}): the
   * same input gives the same errors whether it is checked, linted or compared.
   */
  public static Validated<CheckContext> load(Path dir, AksOptions options) {
    return load(dir, options, io.github.aksreach.k8s.cluster.LoadOptions.strict());
  }

  /** {@link #load(Path, AksOptions)}, strictly or keeping what is valid. */
  public static Validated<CheckContext> load(Path dir, AksOptions options,
                                             io.github.aksreach.k8s.cluster.LoadOptions load) {
    return Validated.of(AksReachability.load(dir, options, load).map(a -> of(a, Optional.of(dir))));
  }

  /** A context on an analysis loaded (and validated) elsewhere. */
  public static CheckContext of(AksReachability analysis, Optional<Path> dir) {
    CheckContext c = new CheckContext(analysis.network().scenario(), dir, analysis.network().options());
    c.analysis = analysis;
    return c;
  }

  /** A context for a scenario built or loaded elsewhere; locations then carry no line numbers. */
  public static CheckContext of(Scenario scenario) {
    return new CheckContext(scenario, Optional.empty(), AksOptions.defaults());
  }

  public static CheckContext of(Scenario scenario, Optional<Path> dir, AksOptions options) {
    return new CheckContext(scenario, dir, options);
  }

  public Scenario scenario() {
    return scenario;
  }

  public Optional<Path> directory() {
    return dir;
  }

  public AksOptions options() {
    return options;
  }

  /** The analysis with health derived from the probes (steady state). */
  public synchronized AksReachability analysis() {
    if (analysis == null) {
      analysis = AksReachability.of(scenario, options);
    }
    return analysis;
  }

  /** The analysis with health derived as if every NSG admitted the probes: which backends the cluster needs. */
  public synchronized AksReachability openAnalysis() {
    if (openAnalysis == null) {
      openAnalysis = AksReachability.of(scenario, Openings.assumingOpenNsgs(options));
    }
    return openAnalysis;
  }

  public AksNetwork network() {
    return analysis().network();
  }

  public Locator locator() {
    return locator;
  }

  // ---------------------------------------------------------------- locations

  public Optional<Location> location(Optional<Provenance> p) {
    return p.map(locator::k8s);
  }

  public Optional<Location> location(Service s) {
    return location(s.provenance());
  }

  public Optional<Location> location(Pod p) {
    return location(p.provenance());
  }

  public Optional<Location> location(Ingress i) {
    return location(i.provenance());
  }

  public Optional<Location> location(Node n) {
    return location(n.provenance());
  }

  public Optional<Location> location(NetworkSecurityGroup nsg) {
    return nsg.provenance().map(locator::azure);
  }

  /** A rule's location; rules derived in code (cloud-provider-azure's) have none. */
  public Optional<Location> location(SecurityRule r) {
    return r.provenance().map(locator::azure);
  }

  /** The location of intent {@code name} in {@code scenario.yaml}. */
  public Optional<Location> intentLocation(Intent intent) {
    int i = scenario.config().intents().indexOf(intent);
    return i < 0 ? Optional.empty() : Optional.of(locator.scenarioYaml("intents[" + i + "]"));
  }

  /** The rule that decided at an NSG hop ({@code origin} names the NSG; no rule for a hop with no NSG). */
  public Optional<SecurityRule> rule(Origin origin, String ruleName) {
    return origin instanceof NsgOrigin ? ((NsgOrigin) origin).nsgName().flatMap(n -> rule(n, ruleName))
        : Optional.empty();
  }

  /**
   * The rule a drop names: by NSG, name and, when known, priority, since a custom rule may bear a default rule's name
   * (a custom {@code DenyAllInBound} at 4096 beside the default one at 65500).
   */
  public Optional<SecurityRule> rule(Origin origin, io.github.aksreach.core.solver.RuleRef ref) {
    if (ref.priority().isPresent() && origin instanceof NsgOrigin) {
      Optional<String> nsg = ((NsgOrigin) origin).nsgName();
      for (NetworkSecurityGroup n : network().azure().nsgs()) {
        if (nsg.isPresent() && n.name().equalsIgnoreCase(nsg.get())) {
          for (SecurityRule r : n.allRules()) {
            if (r.name().equals(ref.name()) && r.priority().value() == ref.priority().getAsInt()) {
              return Optional.of(r);
            }
          }
        }
      }
    }
    return rule(origin, ref.name());
  }

  /** A rule by NSG name and rule name ("nsg-user", "DenyAllCustom"). */
  public Optional<SecurityRule> rule(String nsgName, String ruleName) {
    for (NetworkSecurityGroup n : network().azure().nsgs()) {
      if (n.name().equalsIgnoreCase(nsgName)) {
        for (SecurityRule r : n.allRules()) {
          if (r.name().equals(ruleName)) {
            return Optional.of(r);
          }
        }
      }
    }
    return Optional.empty();
  }

  // ---------------------------------------------------------------- ingress

  /** Each LoadBalancer Service whose selector picks ingress-nginx controller pods, with its controller. */
  public Map<Service, IngressNginxController> ingressServices() {
    Map<Service, IngressNginxController> out = new LinkedHashMap<>();
    for (IngressNginxController c : network().controllers()) {
      for (Service s : scenario.kubernetes().services()) {
        if (s.isLoadBalancer() && c.pods().stream().anyMatch(p -> p.namespace().equals(s.namespace())
            && s.selects(p.labels()))) {
          out.putIfAbsent(s, c);
        }
      }
    }
    return out;
  }

  /**
   * One HTTP request per Ingress rule the controller serves (its host and first path), for tracing: the Ingress,
   * the host (empty for a rule without host) and the path.
   *
   * <pre>{@code
   * for (CheckContext.IngressRequest r : ctx.requests(controller)) {
   *   Flow f = Flow.tcp("192.168.1.4:50000", "192.168.0.22:80").withHttp(r.host().orElse(null), r.path());
   * }
   * }</pre>
   *
   * @param ingress the Ingress
   * @param host the rule's host
   * @param path the rule's first path
   */
  public record IngressRequest(Ingress ingress, Optional<String> host, String path) {}

  public List<IngressRequest> requests(IngressNginxController c) {
    List<IngressRequest> out = new ArrayList<>();
    for (Ingress ing : network().router(c).ingresses()) {
      for (IngressRule r : ing.rules()) {
        String path = r.paths().stream().map(IngressPath::path).findFirst().orElse("/");
        out.add(new IngressRequest(ing, r.host(), path.isEmpty() ? "/" : path));
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- intents

  /**
   * An intent's destination, resolved: address, port, protocol, and the Service when it names one.
   *
   * <pre>{@code
   * CheckContext.Target t = ctx.targets(intent).get(0);
   * t.toString();   // "192.168.0.22:80/TCP"
   * t.service();    // Optional[ingress/ingress-nginx-controller]
   * }</pre>
   *
   * @param ip the destination address
   * @param port the destination port
   * @param protocol the protocol
   * @param service the Service it resolves to, if any
   */
  public record Target(IpAddress ip, int port, Protocol protocol, Optional<Service> service) {
    @Override
    public String toString() {
      return ip + ":" + port + "/" + protocol;
    }
  }

  /** The destinations of an intent: one per frontend IP of a Service target, the address of an address target. */
  public List<Target> targets(Intent intent) {
    List<Target> out = new ArrayList<>();
    IntentTarget t = intent.target();
    if (t instanceof IntentTarget.Address) {
      IntentTarget.Address a = (IntentTarget.Address) t;
      Optional<Service> svc = scenario.kubernetes().servicesByFrontendIp(a.ip()).stream().findFirst();
      out.add(new Target(a.ip(), a.port(), a.protocol(), svc));
    } else {
      IntentTarget.ServicePortRef r = (IntentTarget.ServicePortRef) t;
      Optional<Service> svc = scenario.kubernetes().service(r.namespace(), r.name());
      if (svc.isPresent()) {
        Optional<ServicePort> sp = svc.get().port(r.port());
        if (sp.isPresent()) {
          for (IpAddress fe : svc.get().frontendIps()) {
            out.add(new Target(fe, sp.get().port(), sp.get().protocol(), svc));
          }
        }
      }
    }
    return out;
  }

  /** One concrete client flow per allowed prefix of the intent (its first address), with the intent's host and path. */
  public List<Flow> clientFlows(Intent intent) {
    List<Flow> out = new ArrayList<>();
    for (Target t : targets(intent)) {
      List<IpPrefix> allow = intent.allowEveryone() ? List.of() : intent.allow();
      for (IpPrefix p : allow) {
        if (p.family() != t.ip().family()) {
          continue;
        }
        Flow f = Flow.of(t.protocol(), p.first(), 50000, t.ip(), t.port());
        if (intent.host().isPresent() || intent.path().isPresent()) {
          f = f.withHttp(intent.host().orElse(null), intent.path().orElse("/"));
        }
        out.add(f);
      }
    }
    return out;
  }

  /** Every address kube-proxy may masquerade client traffic to: node InternalIPs and (kubenet) bridge addresses. */
  public IpSet snatAddresses() {
    IpSet s = IpSet.empty();
    for (Node n : scenario.kubernetes().nodes()) {
      for (IpAddress a : n.internalIps()) {
        s = s.union(IpSet.of(a));
        Optional<IpAddress> snat = network().sameNodeSnat(n, a.family());
        if (snat.isPresent()) {
          s = s.union(IpSet.of(snat.get()));
        }
      }
    }
    return s;
  }

  @Override
  public String toString() {
    return "CheckContext " + scenario.name();
  }
}
