package io.github.aksreach.k8s.cluster;

import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.k8s.gateway.AgcGateway;
import io.github.aksreach.k8s.gateway.GatewayDataPlane;
import io.github.aksreach.k8s.gateway.GatewayOptions;
import io.github.aksreach.k8s.gateway.IstioDataPlane;
import io.github.aksreach.k8s.gateway.IstioGateway;
import io.github.aksreach.k8s.model.AgcFrontend;
import io.github.aksreach.k8s.model.Gateway;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.github.aksreach.k8s.model.Pod;
import io.github.aksreach.k8s.model.Service;
import io.github.aksreach.k8s.model.ServicePort;
import io.github.aksreach.k8s.model.ServiceType;
import io.github.aksreach.k8s.model.TrafficPolicy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The in-cluster data planes of the scenario's Istio Gateways (classes {@code istio}, {@code approuting-istio}),
 * placed in the cluster model so the load-balancer derivation, the NSG rules and kube-proxy treat a Gateway's Service
 * like any other: a Service the dump holds is used as dumped; one it lacks is added as Istio's deployment controller
 * generates it (DOMAIN-GATEWAY A4.3-A4.11), with the nodePorts (and, under Local, the healthCheckNodePort) the API
 * server would allocate assumed, since no dump says which: only their being there matters to reachability, and a
 * note names each assumed value. Application Gateway for Containers Gateways ({@link AgcGateway}) have no in-cluster
 * data plane: they are resolved (association subnet, frontend addresses) and their notes appended. Gateways of other
 * classes are noted, not modelled.
 *
 * <pre>{@code
 * GatewayDataPlanes planes = GatewayDataPlanes.place(scenario, GatewayOptions.defaults());
 * planes.scenario().kubernetes().service("gateway", "web-istio");   // dumped, or derived and added
 * planes.gateways();                                                // one IstioGateway per Istio Gateway
 * planes.errors();                                                  // an unreadable overlay, a missing Service
 * }</pre>
 *
 * @param scenario the scenario with every derived gateway Service added and the placement notes appended
 * @param gateways the Istio view of each Istio Gateway that resolved
 * @param agc the Application Gateway for Containers Gateways (wired or not: {@link AgcGateway#wired()})
 * @param errors bad input: what keeps a Gateway's data plane from being known (file and path named)
 */
public record GatewayDataPlanes(Scenario scenario, List<IstioGateway> gateways, List<AgcGateway> agc,
    List<ModelError> errors) {
  /** The first nodePort of the default range, where assumed nodePorts are looked for. */
  static final int NODE_PORT_BASE = 30000;
  private static final int NODE_PORT_RANGE = 2768;

  public GatewayDataPlanes {
    gateways = List.copyOf(gateways);
    agc = List.copyOf(agc);
    errors = List.copyOf(errors);
  }

  /** Resolves every Gateway of {@code s} and adds the Services the dump lacks. */
  public static GatewayDataPlanes place(Scenario s, GatewayOptions options) {
    KubernetesCluster c = s.kubernetes();
    List<IstioGateway> gateways = new ArrayList<>();
    List<AgcGateway> agc = new ArrayList<>();
    List<ModelError> errors = new ArrayList<>();
    List<ModelError> notes = new ArrayList<>(s.notes());
    List<Service> added = new ArrayList<>();
    Set<Integer> used = new HashSet<>();
    for (Service svc : c.services()) {
      svc.ports().forEach(p -> p.nodePort().ifPresent(used::add));
      svc.healthCheckNodePort().ifPresent(used::add);
    }
    for (Gateway g : c.gateways()) {
      String file = g.provenance().map(p -> p.file()).orElse("");
      String path = g.provenance().map(p -> p.path()).orElse("");
      if (AgcGateway.isAgc(g, c)) {
        AgcGateway a = AgcGateway.of(c, g, s.azure(), s.config().agcFrontends(), s.networkPlugin(), options);
        agc.add(a);
        notes.addAll(a.modelNotes());
        continue;
      }
      if (!IstioDataPlane.isIstio(g, c)) {
        notes.add(ModelError.of("Gateway %s of class %s: only Istio classes (istio, approuting-istio) and "
            + "Application Gateway for Containers (azure-alb-external) are wired into the reachability graph; its data "
            + "plane is not modelled", g.key(), g.gatewayClassName()).at(file, path));
        continue;
      }
      var ig = IstioGateway.of(c, g, options);
      if (ig.isInvalid()) {
        errors.addAll(ig.getError().asJava());
        continue;
      }
      IstioGateway gw = ig.get();
      gateways.add(gw);
      GatewayDataPlane dp = gw.dataPlane();
      for (Pod pod : dp.pods()) {
        var trusted = gw.numTrustedProxies(pod);
        if (trusted.isInvalid()) {
          errors.add(trusted.getError());
        }
      }
      for (String n : dp.notes()) {
        notes.add(ModelError.of("Gateway %s: %s", g.key(), n).at(file, path));
      }
      if (dp.pods().isEmpty()) {
        notes.add(ModelError.of("Gateway %s: no gateway pod in the dump (selector %s in %s): its Service has no "
            + "endpoint", g.key(), dp.service().selector(), g.namespace()).at(file, path));
      }
      if (dp.serviceOrigin() == GatewayDataPlane.Origin.DERIVED) {
        Service derived = allocated(dp.service(), used, g, notes);
        added.add(derived);
      }
    }
    for (AgcFrontend f : s.config().agcFrontends()) {
      if (agc.stream().noneMatch(a -> f.names(a.gateway()))) {
        notes.add(ModelError.of("scenario.yaml network.agcFrontends: the entry for %s names no Gateway of class "
            + "azure-alb-external in the dump: ignored", f.gateway().or(f::fqdn).orElse("?"))
            .at("scenario.yaml", "network.agcFrontends"));
      }
    }
    if (added.isEmpty() && notes.size() == s.notes().size()) {
      return new GatewayDataPlanes(s, gateways, agc, errors);
    }
    List<Service> services = new ArrayList<>(c.services());
    services.addAll(added);
    Scenario placed = new Scenario(s.name(), s.azure(), c.withServices(services), s.aks(), s.config(), notes);
    return new GatewayDataPlanes(placed, gateways, agc, errors);
  }

  /** The Istio Gateway whose data plane {@code pod} belongs to. */
  public Optional<IstioGateway> gatewayOf(Pod pod) {
    for (IstioGateway g : gateways) {
      for (Pod p : g.dataPlane().pods()) {
        if (p.key().equals(pod.key())) {
          return Optional.of(g);
        }
      }
    }
    return Optional.empty();
  }

  /** The derived Service with the nodePorts (and healthCheckNodePort) the API server would allocate, assumed. */
  private static Service allocated(Service svc, Set<Integer> used, Gateway g, List<ModelError> notes) {
    String file = g.provenance().map(p -> p.file()).orElse("");
    String path = g.provenance().map(p -> p.path()).orElse("");
    boolean nodePorts = svc.type().hasNodePorts();
    List<ServicePort> ports = new ArrayList<>();
    List<String> assumed = new ArrayList<>();
    for (ServicePort p : svc.ports()) {
      if (nodePorts && p.nodePort().isEmpty()) {
        int np = free(svc.key() + ":" + p.port(), used);
        assumed.add(p.port() + "->nodePort " + np);
        ports.add(p.withNodePort(np));
      } else {
        ports.add(p);
      }
    }
    Service out = svc.withPorts(ports);
    if (svc.type() == ServiceType.LOAD_BALANCER && svc.externalTrafficPolicy() == TrafficPolicy.LOCAL
        && svc.healthCheckNodePort().isEmpty()) {
      int hc = free(svc.key() + ":healthCheckNodePort", used);
      assumed.add("healthCheckNodePort " + hc);
      out = out.withHealthCheckNodePort(hc);
    }
    notes.add(ModelError.of("Gateway %s: Service %s is not in the dump: derived as Istio generates it (type %s, "
        + "externalTrafficPolicy %s, frontend %s)%s", g.key(), svc.key(), svc.type(), svc.externalTrafficPolicy(),
        svc.frontendIps().isEmpty() ? "none: no address in spec.addresses or status.addresses" : svc.frontendIps(),
        assumed.isEmpty() ? "" : "; the API server's allocation is assumed: " + String.join(", ", assumed))
        .at(file, path));
    return out;
  }

  /** A free port of the nodePort range, the same for the same Service and port in every run. */
  private static int free(String seed, Set<Integer> used) {
    int start = Math.floorMod(seed.hashCode(), NODE_PORT_RANGE);
    for (int i = 0; i < NODE_PORT_RANGE; i++) {
      int p = NODE_PORT_BASE + (start + i) % NODE_PORT_RANGE;
      if (used.add(p)) {
        return p;
      }
    }
    throw new IllegalStateException("every nodePort is in use");
  }
}
