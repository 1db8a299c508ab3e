package io.github.aksreach.k8s.l7.gateway;

import io.github.aksreach.core.match.MatchExprs;
import io.github.aksreach.core.model.Field;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.model.PortSet;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.core.model.ProtocolSet;
import io.github.aksreach.core.solver.Assign;
import io.github.aksreach.core.solver.Classifier;
import io.github.aksreach.core.solver.Element;
import io.github.aksreach.core.solver.ElementKey;
import io.github.aksreach.core.solver.Fork;
import io.github.aksreach.core.solver.Outcome;
import io.github.aksreach.core.solver.Rewrite;
import io.github.aksreach.core.solver.RuleRef;
import io.github.aksreach.core.solver.Sink;
import io.github.aksreach.k8s.cluster.AksNetwork;
import io.github.aksreach.k8s.gateway.AbstractGatewayOptions;
import io.github.aksreach.k8s.gateway.AgcGateway;
import io.github.aksreach.k8s.gateway.GatewayOptions;
import io.github.aksreach.k8s.gateway.GatewayOutcome;
import io.github.aksreach.k8s.gateway.HttpRequest;
import io.github.aksreach.k8s.hops.AksKey;
import io.github.aksreach.k8s.hops.Endpoints;
import io.github.aksreach.k8s.hops.HealthView;
import io.github.aksreach.k8s.hops.Hops;
import io.github.aksreach.k8s.gateway.BackendShare;
import io.github.aksreach.k8s.model.AgcNoHealthyBackends;
import io.github.aksreach.k8s.model.NetworkPlugin;
import io.github.aksreach.k8s.model.Node;
import io.github.aksreach.k8s.model.Pod;
import io.github.aksreach.k8s.model.ServiceEndpoint;
import io.github.aksreach.k8s.trace.AgcOrigin;
import io.github.aksreach.k8s.trace.AksHopKind;
import io.github.aksreach.k8s.trace.PodOrigin;
import io.github.aksreach.k8s.trace.PodRef;
import io.github.aksreach.nsg.model.Subnet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Application Gateway for Containers in the graph (DOMAIN-GATEWAY 4.6, A4.22-A4.26): a flow to an AGC frontend
 * address on a listener port goes through the association subnet's inbound NSG (source: the client), to AGC's proxy,
 * which answers 404, 500 or a 3xx itself or sends the request straight to the endpoint pods' addresses (no Azure LB
 * Service, no kube-proxy, no externalTrafficPolicy) from its own address in the association subnet: the association
 * subnet's outbound NSG, the pod's node's inbound NSGs (subnet, then NIC), then the pod's NetworkPolicies, which see
 * the proxy's address, never the client's (the client travels in X-Forwarded-For, A4.23). Without an HTTP request
 * (no {@code --host}) the flow is delivered at AGC, which takes the connection.
 *
 * <pre>{@code
 * AgcFrontDoor agc = new AgcFrontDoor(net, hops, chains::subnetNsg);
 * List<Classifier.Rule> rules = agc.dispatchRules();   // frontend address and listener port -> AgcEntry
 * Element e = agc.proxy(new AksKey.AgcProxy("web", "web-agc", 80));   // 404, 3xx, 500 or on to the backends
 * Element f = agc.backends(new AksKey.AgcBackends("web", "web-agc", 80));   // weighted pods, src = the proxy
 * }</pre>
 */
public final class AgcFrontDoor {
  private final AksNetwork net;
  private final Hops hops;
  private final SubnetNsgs nsgs;
  private final HealthView health;

  /** Where the NSG chain of one subnet (its NSG alone) in a direction starts, towards a target. */
  @FunctionalInterface
  public interface SubnetNsgs {
    ElementKey entry(Subnet subnet, boolean inbound, ElementKey target);
  }

  public AgcFrontDoor(AksNetwork net, Hops hops, SubnetNsgs nsgs) {
    this(net, hops, nsgs, HealthView.allUp());
  }

  /**
   * With {@code health}'s AGC probe verdicts ({@link HealthView#agcProbeFailure}): an endpoint whose probe fails gets
   * no traffic; a share none of whose ready endpoints passes is answered as option {@code agcNoHealthyBackends} says.
   */
  public AgcFrontDoor(AksNetwork net, Hops hops, SubnetNsgs nsgs, HealthView health) {
    this.net = net;
    this.hops = hops;
    this.nsgs = nsgs;
    this.health = health;
  }

  /** {@link #dispatchRules()}, then {@code others}: a new list the caller may add to. */
  public List<Classifier.Rule> dispatchRulesThen(List<Classifier.Rule> others) {
    List<Classifier.Rule> rules = new ArrayList<>(dispatchRules());
    rules.addAll(others);
    return rules;
  }

  /** The element of an AGC key ({@link AksKey.AgcEntry}, {@link AksKey.AgcProxy}, {@link AksKey.AgcBackends}). */
  public Element element(ElementKey key) {
    if (key instanceof AksKey.AgcEntry e) {
      return entry(e);
    }
    if (key instanceof AksKey.AgcProxy p) {
      return proxy(p);
    }
    if (key instanceof AksKey.AgcBackends b) {
      return backends(b);
    }
    if (key instanceof AksKey.AgcProbe p) {
      return probe(p);
    }
    throw new IllegalStateException("no element " + key);
  }

  /**
   * The Dispatch rules of AGC frontends: per Gateway, its frontend addresses on each listener port (TCP) to its
   * entry; on any other port or protocol, or when the Gateway is not wired (its notes say why), a NO_ROUTE drop.
   */
  public List<Classifier.Rule> dispatchRules() {
    List<Classifier.Rule> rules = new ArrayList<>();
    for (AgcGateway g : net.agcGateways()) {
      if (g.frontends().isEmpty()) {
        continue;
      }
      IpSet frontends = IpSet.ofAddresses(g.frontends());
      String name = "AGC frontend of Gateway " + g.gateway().key();
      if (!g.wired()) {
        rules.add(Classifier.Rule.of(RuleRef.of(name), MatchExprs.ip(Field.DST_IP, frontends),
            Outcome.drop(AksHopKind.NO_ROUTE, name + " is not wired: " + String.join("; ", g.notes()))));
        continue;
      }
      for (int port : g.gateway().listenerPorts()) {
        rules.add(Classifier.Rule.of(RuleRef.of(name + " port " + port), MatchExprs.and(
            MatchExprs.protocol(ProtocolSet.of(Protocol.TCP)), MatchExprs.ip(Field.DST_IP, frontends),
            MatchExprs.port(Field.DST_PORT, PortSet.of(port))), Outcome.next(new AksKey.AgcEntry(
                g.gateway().namespace(), g.gateway().name(), port), name + ", listener port " + port)));
      }
      rules.add(Classifier.Rule.of(RuleRef.of(name), MatchExprs.ip(Field.DST_IP, frontends),
          Outcome.drop(AksHopKind.NO_ROUTE, name + " listens on TCP " + g.gateway().listenerPorts()
              + " only (its listeners)")));
    }
    return rules;
  }

  private AgcGateway gateway(String namespace, String name) {
    return net.agcGateways().stream().filter(g -> g.gateway().namespace().equals(namespace)
        && g.gateway().name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalStateException("no AGC Gateway " + namespace + "/" + name));
  }

  private GatewayOptions options() {
    return net.options().gateway();
  }

  /** The frontend: the association subnet's inbound NSG sees the client and the frontend (or the proxy) address. */
  public Element entry(AksKey.AgcEntry key) {
    AgcGateway g = gateway(key.namespace(), key.gateway());
    AgcOrigin origin = new AgcOrigin(key.namespace(), key.gateway(), AgcOrigin.Stage.FRONTEND);
    ElementKey nsg = nsgs.entry(g.association().orElseThrow(), true,
        new AksKey.AgcProxy(key.namespace(), key.gateway(), key.port()));
    if (options().agcNsgDestination() == AbstractGatewayOptions.AgcNsgDestination.PROXY) {
      return Rewrite.of(key, origin, List.of(Assign.dstIp(g.proxyAddress().orElseThrow())), nsg);
    }
    return Classifier.of(key, origin, List.of(), Outcome.next(nsg, "AGC frontend: to its proxies in association "
        + "subnet " + g.association().get().name() + " (the subnet's NSG sees the client as source)"));
  }

  /** The request as AGC's proxy sees it: the question's Host, or without one the frontend's first address. */
  private HttpRequest request(AgcGateway g, int port) {
    return RouteShares.request(hops.l7(), g.frontends().get(0).toString(), port);
  }

  /** The proxy: delivered here without an HTTP request; else the listener and route, or AGC's own answer. */
  public Element proxy(AksKey.AgcProxy key) {
    AgcGateway g = gateway(key.namespace(), key.gateway());
    AgcOrigin origin = new AgcOrigin(key.namespace(), key.gateway(), AgcOrigin.Stage.PROXY);
    if (!hops.l7().http()) {
      return Sink.of(key, origin);
    }
    GatewayOutcome routed = g.router().route(request(g, key.port()));
    if (routed instanceof GatewayOutcome.Routed r) {
      return Classifier.of(key, origin, List.of(), Outcome.next(new AksKey.AgcBackends(key.namespace(),
          key.gateway(), key.port()), "listener " + r.listener().name() + ", " + r.route().kind() + " "
          + r.route().key() + " rule " + r.ruleIndex() + " (" + r.match() + ")"
          + r.rewrittenPath().map(p -> ", path rewritten to " + p).orElse("")));
    }
    return Classifier.of(key, origin, List.of(), GatewayFrontDoor.refusal(routed));
  }

  /**
   * The winning rule's weighted backends, each share over its ready endpoints evenly, sent directly to the pod
   * address from the proxy's address ({@code agcBackendSourceIsAssociationSubnet}; else the client's is kept).
   */
  public Element backends(AksKey.AgcBackends key) {
    AgcGateway g = gateway(key.namespace(), key.gateway());
    AgcOrigin origin = new AgcOrigin(key.namespace(), key.gateway(), AgcOrigin.Stage.BACKENDS);
    GatewayOutcome routed = g.router().route(request(g, key.port()));
    if (!(routed instanceof GatewayOutcome.Routed r)) {
      return Classifier.of(key, origin, List.of(), GatewayFrontDoor.refusal(routed));
    }
    if (!g.podsReachable()) {
      return Classifier.of(key, origin, List.of(), Outcome.drop(AksHopKind.NO_ROUTE, "kubenet: Application Gateway "
          + "for Containers does not support it (DOMAIN-GATEWAY A4.22); its proxies have no route to pod addresses"));
    }
    IpAddress proxy = g.proxyAddress().orElseThrow();
    boolean fromProxy = options().agcBackendSourceIsAssociationSubnet();
    java.util.Map<String, String> excluded = new java.util.HashMap<>();
    List<BackendShare> shares = r.shares().stream().map(sh -> probed(g, sh, excluded)).toList();
    List<Fork.Branch> branches = RouteShares.branches(shares, hops, origin, i -> new AksKey.AgcAnswer(key.namespace(),
        key.gateway(), key.port(), "share " + i), "AGC", (each, e, of) -> {
          List<Assign> assigns = new ArrayList<>();
          if (fromProxy) {
            assigns.add(Assign.srcIp(proxy));
          }
          assigns.add(Assign.dstIp(e.address()));
          assigns.add(Assign.dstPort(e.port()));
          String out = excluded.entrySet().stream().filter(x -> of.startsWith("backendRef " + x.getKey() + " "))
              .map(x -> " (AGC's health probe takes out " + x.getValue() + ")").findFirst().orElse("");
          return Fork.Branch.of(each, toPod(key, g, e), assigns, of + out + ": AGC sends to " + e.address() + ":"
              + e.port() + " directly, from " + (fromProxy ? "its address " + proxy + " in association subnet "
              + g.association().get().name() : "the client's address (option agcBackendSourceIsAssociationSubnet "
              + "off)") + "; X-Forwarded-For carries the client");
        });
    return Fork.of(key, origin, branches);
  }

  /**
   * A sent share with only the endpoints AGC's health probe finds healthy; when none does, answered as option
   * {@code agcNoHealthyBackends} says (or kept whole when it says send-to-all).
   */
  private BackendShare probed(AgcGateway g, BackendShare share, java.util.Map<String, String> excluded) {
    if (!share.forwarded() || share.service().isEmpty()) {
      return share;
    }
    List<ServiceEndpoint> healthy = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (ServiceEndpoint e : share.readyEndpoints()) {
      Optional<String> why = health.agcProbeFailure(new HealthView.AgcTarget(g.gateway().key(),
          share.service().get().key(), e.address(), e.port()));
      if (why.isEmpty()) {
        healthy.add(e);
      } else {
        failed.add(e.address() + ":" + e.port() + ": " + why.get());
      }
    }
    if (failed.isEmpty()) {
      return share;
    }
    AgcNoHealthyBackends none = options().agcNoHealthyBackends();
    if (healthy.isEmpty() && none == AgcNoHealthyBackends.SEND_TO_ALL) {
      return share;
    }
    if (healthy.isEmpty()) {
      return new BackendShare(share.ref(), share.fraction(), share.service(), share.port(), List.of(),
          OptionalInt.of(none.status()), "no ready endpoint passes Application Gateway for Containers' health probe ("
          + String.join("; ", failed) + "); AGC answers (option agcNoHealthyBackends " + none + ", UNVERIFIED)");
    }
    excluded.put(share.ref().toString(), String.join("; ", failed));
    return new BackendShare(share.ref(), share.fraction(), share.service(), share.port(), healthy,
        OptionalInt.empty(), "");
  }

  /**
   * AGC's health probe to one endpoint pod, from its address in the association subnet: the subnet's outbound NSG, the
   * pod's node's inbound NSGs, then the pod's NetworkPolicies (traced like a request to the pod, without HTTP).
   */
  public Element probe(AksKey.AgcProbe key) {
    AgcGateway g = gateway(key.namespace(), key.gateway());
    AgcOrigin origin = new AgcOrigin(key.namespace(), key.gateway(), AgcOrigin.Stage.PROBE);
    Pod pod = hops.pod(key.pod());
    Optional<Node> node = pod.nodeName().flatMap(net::node)
        .filter(n -> !net.isAbsent(n) || net.networkPlugin() == NetworkPlugin.AZURE);
    if (!g.podsReachable() || node.isEmpty() || g.association().isEmpty()) {
      return Classifier.of(key, origin, List.of(), Outcome.drop(AksHopKind.NO_ROUTE, node.isEmpty()
          ? Endpoints.noNode(pod) : "kubenet: Application Gateway for Containers' proxies have no route to pod "
          + "addresses (DOMAIN-GATEWAY A4.22)"));
    }
    ElementKey target = nsgs.entry(g.association().get(), false,
        hops.nodeIn(node.get(), new AksKey.PodEntry(key.pod(), key.port(), Optional.empty())));
    return Classifier.of(key, origin, List.of(), Outcome.next(target, "AGC health probe from its address in "
        + "association subnet " + g.association().get().name() + " to " + pod.key() + " port " + key.port()));
  }

  /** From the association subnet (its outbound NSG) to the endpoint: its pod's node's inbound NSGs, then the pod. */
  private ElementKey toPod(AksKey.AgcBackends key, AgcGateway g, ServiceEndpoint e) {
    Optional<Pod> pod = e.targetRef().flatMap(ref -> net.kubernetes().pod(ref.namespace(), ref.name()))
        .or(() -> net.kubernetes().podByIp(e.address()));
    ElementKey target;
    if (pod.isEmpty()) {
      target = Endpoints.sink(hops, e.address(), e.port(), PodOrigin.Role.UPSTREAM);
    } else {
      Optional<Node> node = pod.get().nodeName().flatMap(net::node)
          .filter(n -> !net.isAbsent(n) || net.networkPlugin() == NetworkPlugin.AZURE);
      if (node.isEmpty()) {
        AksKey.AgcAnswer drop = new AksKey.AgcAnswer(key.namespace(), key.gateway(), key.port(),
            "pod " + pod.get().key());
        hops.register(Classifier.of(drop, new AgcOrigin(key.namespace(), key.gateway(), AgcOrigin.Stage.BACKENDS),
            List.of(), Outcome.drop(AksHopKind.NO_ROUTE, Endpoints.noNode(pod.get()))));
        return drop;
      }
      target = hops.nodeIn(node.get(), new AksKey.PodEntry(PodRef.of(pod.get()), e.port(), Optional.empty()));
    }
    return nsgs.entry(g.association().orElseThrow(), false, target);
  }
}
