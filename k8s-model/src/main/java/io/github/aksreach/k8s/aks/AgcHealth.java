package io.github.aksreach.k8s.aks;

import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.core.solver.DropInfo;
import io.github.aksreach.core.solver.PathResult;
import io.github.aksreach.core.solver.PathSolver;
import io.github.aksreach.core.solver.SolveOptions;
import io.github.aksreach.core.solver.Verdict;
import io.github.aksreach.k8s.cluster.AksNetwork;
import io.github.aksreach.k8s.cluster.L7;
import io.github.aksreach.k8s.gateway.AgcGateway;
import io.github.aksreach.k8s.gateway.AgcProbe;
import io.github.aksreach.k8s.gateway.BackendResolver;
import io.github.aksreach.k8s.gateway.BackendShare;
import io.github.aksreach.k8s.hops.AksKey;
import io.github.aksreach.k8s.hops.HealthView;
import io.github.aksreach.k8s.model.BackendRef;
import io.github.aksreach.k8s.model.GatewayRoute;
import io.github.aksreach.k8s.model.GrpcRoute;
import io.github.aksreach.k8s.model.HttpRoute;
import io.github.aksreach.k8s.model.ServiceEndpoint;
import io.github.aksreach.k8s.trace.Describe;
import io.github.aksreach.k8s.trace.PodRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Application Gateway for Containers' health probes, derived by tracing them (the session's part of
 * {@link AgcBackendHealth}): per Gateway, Service and endpoint, computed once when a graph or the report first asks.
 *
 * <pre>{@code
 * AgcHealth h = new AgcHealth(net, l7 -> new AksGraph(net, HealthView.allUp(), l7));
 * h.failure(new HealthView.AgcTarget("gateway/web-agc", "default/app", IpAddress.of("10.10.1.30"), 8080));
 * h.report();   // every endpoint of every backend Service of every AGC Gateway
 * }</pre>
 */
final class AgcHealth {
  /** The probe's source port (AGC's probes come from an ephemeral port no dump states). */
  private static final int PROBE_SOURCE_PORT = 50001;

  private final AksNetwork net;
  private final Function<L7, AksGraph> graphs;
  private final Map<HealthView.AgcTarget, AgcBackendHealth> done = new LinkedHashMap<>();

  AgcHealth(AksNetwork net, Function<L7, AksGraph> graphs) {
    this.net = net;
    this.graphs = graphs;
  }

  /** Why AGC's probe of {@code t} fails; empty when it passes. */
  synchronized Optional<String> failure(HealthView.AgcTarget t) {
    AgcBackendHealth h = health(t);
    return h.state() == BackendHealth.State.UP ? Optional.empty() : Optional.of(h.reason());
  }

  /** Every endpoint of every backendRef of every route accepted on a wired AGC Gateway, in order. */
  synchronized List<AgcBackendHealth> report() {
    List<AgcBackendHealth> out = new ArrayList<>();
    BackendResolver resolver = new BackendResolver(net.kubernetes());
    for (AgcGateway g : net.agcGateways()) {
      if (!g.wired()) {
        continue;
      }
      List<GatewayRoute> seen = new ArrayList<>();
      for (var status : g.router().attachments().routeStatuses()) {
        if (!status.accepted() || seen.contains(status.route())) {
          continue;
        }
        seen.add(status.route());
        for (List<BackendRef> refs : backendRefs(status.route())) {
          for (BackendShare s : resolver.shares(status.route(), refs)) {
            if (!s.forwarded() || s.service().isEmpty()) {
              continue;
            }
            for (ServiceEndpoint e : s.readyEndpoints()) {
              AgcBackendHealth h = health(new HealthView.AgcTarget(g.gateway().key(), s.service().get().key(),
                  e.address(), e.port()));
              if (!out.contains(h)) {
                out.add(h);
              }
            }
          }
        }
      }
    }
    return out;
  }

  private static List<List<BackendRef>> backendRefs(GatewayRoute r) {
    if (r instanceof HttpRoute h) {
      return h.rules().stream().map(HttpRoute.Rule::backendRefs).toList();
    }
    if (r instanceof GrpcRoute g) {
      return g.rules().stream().map(GrpcRoute.Rule::backendRefs).toList();
    }
    return List.of();
  }

  private AgcBackendHealth health(HealthView.AgcTarget t) {
    AgcBackendHealth h = done.get(t);
    if (h == null) {
      h = derive(t);
      done.put(t, h);
    }
    return h;
  }

  private AgcBackendHealth derive(HealthView.AgcTarget t) {
    AgcGateway g = net.agcGateways().stream().filter(x -> x.gateway().key().equals(t.gateway())).findFirst()
        .orElseThrow();
    String[] svc = t.service().split("/", 2);
    ServiceEndpoint e = ServiceEndpoint.builder().address(t.address()).port(t.port()).protocol(Protocol.TCP)
        .ready(true).build();
    e = net.kubernetes().service(svc[0], svc[1]).stream()
        .flatMap(s -> s.ports().stream().flatMap(p -> net.kubernetes().endpointsOf(s, p).stream()))
        .filter(x -> x.address().equals(t.address()) && x.port() == t.port()).findFirst().orElse(e);
    AgcProbe probe = AgcProbe.of(net.kubernetes(), svc[0], svc[1], e, net.options().httpProbeToPlainPodSucceeds());
    if (probe.pod().isEmpty() || g.proxyAddress().isEmpty()) {
      return new AgcBackendHealth(t.gateway(), t.service(), t.address(), t.port(), probe, BackendHealth.State.UP,
          "not traced (" + (probe.pod().isEmpty() ? "the endpoint has no pod in the dump"
              : "the Gateway has no association subnet") + "); taken as healthy", Optional.empty(), Optional.empty());
    }
    IpAddress proxy = g.proxyAddress().get();
    Flow f = Flow.of(Protocol.TCP, proxy, PROBE_SOURCE_PORT, t.address(), probe.port());
    AksGraph graph = graphs.apply(L7.none());
    AksKey.AgcProbe start = new AksKey.AgcProbe(g.gateway().namespace(), g.gateway().name(),
        PodRef.of(probe.pod().get()), probe.port());
    Verdict v = PathSolver.solve(graph, start, f, SolveOptions.defaults()).verdict(f);
    String what = "from " + proxy;
    if (v.kind() != Verdict.Kind.ALWAYS) {
      return new AgcBackendHealth(t.gateway(), t.service(), t.address(), t.port(), probe, BackendHealth.State.DOWN,
          what + ": " + dropReason(v), Optional.of(f), Optional.of(v));
    }
    if (probe.failure().isPresent()) {
      return new AgcBackendHealth(t.gateway(), t.service(), t.address(), t.port(), probe, BackendHealth.State.DOWN,
          what + ": reaches the pod, but " + probe.failure().get(), Optional.of(f), Optional.of(v));
    }
    return new AgcBackendHealth(t.gateway(), t.service(), t.address(), t.port(), probe, BackendHealth.State.UP,
        what + ": answered by the pod", Optional.of(f), Optional.of(v));
  }

  private static String dropReason(Verdict v) {
    for (PathResult p : v.paths()) {
      if (!p.delivered()) {
        DropInfo d = p.drop().orElseThrow();
        return d.kind().name() + " at " + Describe.label(d.origin()) + d.rule().map(r -> " by " + r).orElse("")
            + ": " + Describe.reason(d);
      }
    }
    return "not delivered";
  }
}
