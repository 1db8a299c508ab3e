package io.github.aksreach.k8s.cni;

import io.github.aksreach.core.solver.Assign;
import io.github.aksreach.core.solver.Classifier;
import io.github.aksreach.core.solver.Element;
import io.github.aksreach.core.solver.ElementKey;
import io.github.aksreach.core.solver.Fork;
import io.github.aksreach.core.solver.Outcome;
import io.github.aksreach.core.solver.Rewrite;
import io.github.aksreach.core.solver.Sink;
import io.github.aksreach.k8s.cluster.AksNetwork;
import io.github.aksreach.k8s.hops.AksKey;
import io.github.aksreach.k8s.hops.Endpoints;
import io.github.aksreach.k8s.hops.Hops;
import io.github.aksreach.k8s.l7.FrontDoor;
import io.github.aksreach.k8s.model.NetworkPlugin;
import io.github.aksreach.k8s.model.Node;
import io.github.aksreach.k8s.model.Pod;
import io.github.aksreach.k8s.netpol.NetworkPolicyClassifiers;
import io.github.aksreach.k8s.trace.AksHopKind;
import io.github.aksreach.k8s.trace.KubeProxyOrigin;
import io.github.aksreach.k8s.trace.PodOrigin;
import io.github.aksreach.k8s.trace.RoutingOrigin;
import java.util.List;
import java.util.Optional;

/**
 * A flow's way into a pod: from another node through both nodes' NSGs, the pod's NetworkPolicy ingress rules, the
 * masquerade kube-proxy applies after NetworkPolicy saw the client (option {@code networkPolicySeesSource:
 * pre-snat}), then the application: a plain pod, or an L7 front door's proxy for an HTTP request.
 *
 * <pre>{@code
 * PodDelivery d = new PodDelivery(net, hops, List.of(new NginxFrontDoor(net)));
 * Element e = d.crossNode(new AksKey.CrossNode("aks-system-...", PodRef.of(pod), 8080));
 * }</pre>
 */
public final class PodDelivery {
  private final AksNetwork net;
  private final Hops hops;
  private final List<FrontDoor> frontDoors;

  public PodDelivery(AksNetwork net, Hops hops, List<FrontDoor> frontDoors) {
    this.net = net;
    this.hops = hops;
    this.frontDoors = List.copyOf(frontDoors);
  }

  /** From a node to a pod: on the same node straight in, else the node's outbound and the pod's node's inbound NSGs. */
  public Element crossNode(AksKey.CrossNode key) {
    Pod pod = hops.pod(key.pod());
    Optional<Node> toNode = pod.nodeName().flatMap(net::node)
        .filter(n -> !net.isAbsent(n) || net.networkPlugin() == NetworkPlugin.AZURE);
    RoutingOrigin origin = new RoutingOrigin(RoutingOrigin.Step.NODE_TO_NODE, Optional.of(key.from()),
        toNode.map(Node::name).or(() -> pod.nodeName()), 0);
    if (toNode.isEmpty()) {
      return Classifier.of(key, origin, List.of(), Outcome.drop(AksHopKind.NO_ROUTE, Endpoints.noNode(pod)));
    }
    Node to = toNode.get();
    AksKey.PodEntry podEntry = new AksKey.PodEntry(key.pod(), key.port(), Optional.empty());
    if (to.name().equals(key.from())) {
      return rekeyed(hops.hop(podEntry), key);
    }
    ElementKey in = hops.nodeIn(to, podEntry);
    ElementKey out = hops.nodeOut(hops.node(key.from()), in);
    return Classifier.of(key, origin, List.of(), Outcome.next(out, "to " + pod.key() + " on " + to.name()));
  }

  /** The pod's NetworkPolicy ingress rules (where a policy engine enforces them), then the application. */
  public Element entry(AksKey.PodEntry key) {
    Pod pod = hops.pod(key.pod());
    ElementKey next = key.preSnat().<ElementKey>map(s -> new AksKey.PreSnat(key.pod(), key.port(), s))
        .orElse(new AksKey.App(key.pod(), key.port()));
    if (!net.enforcesNetworkPolicy()) {
      return rekeyed(hops.hop(next), key);
    }
    return NetworkPolicyClassifiers.ingress(net.kubernetes(), pod, key, next, net.options().networkPolicy());
  }

  /** Whether {@code key} is one of this family's: a cross-node hop, a pod's entry, pre-SNAT, hostPort or app. */
  public static boolean owns(ElementKey key) {
    return key instanceof AksKey.CrossNode || key instanceof AksKey.PodEntry || key instanceof AksKey.PreSnat
        || key instanceof AksKey.HostPort || key instanceof AksKey.App;
  }

  /** The element of one of this family's keys ({@link #owns}). */
  public Element element(ElementKey key) {
    if (key instanceof AksKey.CrossNode) {
      return crossNode((AksKey.CrossNode) key);
    }
    if (key instanceof AksKey.PodEntry) {
      return entry((AksKey.PodEntry) key);
    }
    if (key instanceof AksKey.PreSnat) {
      return preSnat((AksKey.PreSnat) key);
    }
    if (key instanceof AksKey.HostPort) {
      return hostPort((AksKey.HostPort) key);
    }
    return app((AksKey.App) key);
  }

  /** kube-proxy's masquerade after the pod's NetworkPolicy saw the client's own address. */
  public Element preSnat(AksKey.PreSnat key) {
    KubeProxyOrigin o = new KubeProxyOrigin(hops.pod(key.pod()).nodeName().orElse("?"),
        KubeProxyOrigin.Chain.MASQUERADE, Optional.empty(), java.util.OptionalInt.empty(), Optional.empty(),
        Optional.empty(), Optional.of(key.snat()), Optional.empty());
    return Rewrite.of(key, o, List.of(Assign.srcIp(key.snat())), new AksKey.App(key.pod(), key.port()));
  }

  /**
   * The application: an L7 front door's proxy for an HTTP request, else the pod itself; on a port no container
   * declares, delivered as far as the network goes (no front door listens there).
   */
  public Element app(AksKey.App key) {
    Pod pod = hops.pod(key.pod());
    boolean undeclared = key.port() == AksKey.UNDECLARED_PORT;
    PodOrigin origin = new PodOrigin(Optional.of(key.pod()), pod.podIps().stream().findFirst(), key.port(),
        undeclared ? PodOrigin.Role.UNDECLARED_PORT : PodOrigin.Role.APPLICATION);
    if (undeclared) {
      return Sink.of(key, origin);
    }
    Optional<FrontDoor> front = frontDoors.stream().filter(f -> f.proxies(pod)).findFirst();
    if (front.isEmpty() || !hops.l7().http()) {
      if (hops.l7().probe() && front.isEmpty() && !net.options().httpProbeToPlainPodSucceeds()) {
        return Classifier.of(key, origin, List.of(), Outcome.drop(AksHopKind.POD,
            "HTTP probe to a plain pod: its answer is unknown (option httpProbeToPlainPodSucceeds is off)"));
      }
      return Sink.of(key, origin);
    }
    return front.get().proxy(key, pod, key.port(), hops);
  }

  /**
   * The CNI portmap plugin's DNAT of a container's hostPort: the destination becomes the pod's address and container
   * port; the source is kept ({@link io.github.aksreach.k8s.cluster.HostPortOptions#keepsClientSource()}, default) or
   * masqueraded to the node's address; then the pod's entry (its NetworkPolicy ingress rules, the application).
   */
  public Element hostPort(AksKey.HostPort key) {
    Node n = hops.node(key.node());
    KubeProxyOrigin o = new KubeProxyOrigin(n.name(), KubeProxyOrigin.Chain.HOSTPORT, Optional.empty(),
        java.util.OptionalInt.of(key.hostPort()), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    List<Assign> assigns = new java.util.ArrayList<>(List.of(Assign.dstIp(key.podIp()),
        Assign.dstPort(key.containerPort())));
    if (!net.options().hostPort().keepsClientSource()) {
      n.internalIp(key.podIp().family()).ifPresent(ip -> assigns.add(Assign.srcIp(ip)));
    }
    return Rewrite.of(key, o, assigns, new AksKey.PodEntry(key.pod(), key.containerPort(), Optional.empty()));
  }

  /** The same element under another key (the graph keeps the shortest path of hops in traces). */
  public static Element rekeyed(Element e, ElementKey key) {
    if (e instanceof Sink) {
      return Sink.of(key, e.origin());
    }
    if (e instanceof Rewrite) {
      Rewrite r = (Rewrite) e;
      return Rewrite.of(key, r.origin(), r.assigns(), r.target());
    }
    if (e instanceof Fork) {
      return ((Fork) e).rekeyed(key);
    }
    return ((Classifier) e).rekeyed(key);
  }
}
