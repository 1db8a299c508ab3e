package io.github.aksreach.k8s.kubeproxy;

import io.github.aksreach.core.match.MatchExpr;
import io.github.aksreach.core.match.MatchExprs;
import io.github.aksreach.core.model.Field;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.model.PortRange;
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
import io.github.aksreach.core.solver.Weight;
import io.github.aksreach.k8s.cluster.AksNetwork;
import io.github.aksreach.k8s.cluster.CloudProviderAzure;
import io.github.aksreach.k8s.hops.AksKey;
import io.github.aksreach.k8s.hops.Endpoints;
import io.github.aksreach.k8s.hops.Hops;
import io.github.aksreach.k8s.model.Container;
import io.github.aksreach.k8s.model.ContainerPort;
import io.github.aksreach.k8s.model.NetworkPolicySource;
import io.github.aksreach.k8s.model.Node;
import io.github.aksreach.k8s.model.Pod;
import io.github.aksreach.k8s.model.Service;
import io.github.aksreach.k8s.model.ServiceEndpoint;
import io.github.aksreach.k8s.model.ServicePort;
import io.github.aksreach.k8s.model.TrafficPolicy;
import io.github.aksreach.k8s.trace.AksHopKind;
import io.github.aksreach.k8s.trace.KubeProxyOrigin;
import io.github.aksreach.k8s.trace.KubeProxyOrigin.Chain;
import io.github.aksreach.k8s.trace.PodOrigin;
import io.github.aksreach.k8s.trace.PodRef;
import io.github.aksreach.k8s.trace.ServiceRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * kube-proxy on every node, as elements (DOMAIN.md 4).
 *
 * <pre>{@code
 * KubeProxyHops kp = new KubeProxyHops(net, hops);
 * kp.host(new AksKey.Host("aks-user-28786594-vmss000001"));   // KUBE-SERVICES, KUBE-NODEPORTS, health, pod ports
 * }</pre>
 */
public final class KubeProxyHops {
  /** The transport protocols with ports: what a pod's undeclared port can be reached with. */
  private static final ProtocolSet PORT_PROTOCOLS = ProtocolSet.of(Protocol.TCP, Protocol.UDP, Protocol.SCTP);

  private final AksNetwork net;
  private final Hops hops;

  public KubeProxyHops(AksNetwork net, Hops hops) {
    this.net = net;
    this.hops = hops;
  }

  private Service service(ServiceRef ref) {
    return net.kubernetes().service(ref.namespace(), ref.name())
        .orElseThrow(() -> new IllegalStateException("no service " + ref));
  }

  private static MatchExpr vip(ServicePort sp, IpAddress ip) {
    return MatchExprs.and(MatchExprs.protocol(ProtocolSet.of(sp.protocol())),
        MatchExprs.ip(Field.DST_IP, IpSet.of(ip)), MatchExprs.port(Field.DST_PORT, PortSet.of(sp.port())));
  }

  /**
   * kube-proxy on a node for flows arriving from the network: Service frontends (the firewall chain first when the
   * Service has {@code loadBalancerSourceRanges}), nodePorts, the health check node port, {@code /healthz}, and the
   * declared ports of the node's pods.
   */
  public Element host(AksKey.Host key) {
    Node n = hops.node(key.node());
    List<Classifier.Rule> rules = new ArrayList<>();
    IpSet self = IpSet.ofAddresses(n.internalIps());
    for (Service svc : net.kubernetes().services()) {
      ServiceRef ref = ServiceRef.of(svc);
      for (ServicePort sp : svc.ports()) {
        MatchExpr proto = MatchExprs.protocol(ProtocolSet.of(sp.protocol()));
        AksKey.External ext = new AksKey.External(n.name(), ref, sp.port(), sp.protocol(), AksKey.Mode.FROM_LB);
        if (svc.isLoadBalancer()) {
          boolean fw = !svc.loadBalancerSourceRanges().isEmpty();
          ElementKey target = fw
              ? new AksKey.Firewall(n.name(), ref, sp.port(), sp.protocol(), AksKey.Mode.FROM_LB) : ext;
          for (IpAddress fe : svc.frontendIps()) {
            rules.add(Classifier.Rule.of(RuleRef.of("KUBE-SERVICES " + svc.key() + " " + fe + ":" + sp.port()),
                vip(sp, fe), Outcome.next(target,
                    "load-balancer IP of " + svc.key() + (fw ? ": firewall chain (loadBalancerSourceRanges)" : ""))));
          }
        }
        if (sp.nodePort().isPresent() && !self.isEmpty()) {
          rules.add(Classifier.Rule.of(RuleRef.of("KUBE-NODEPORTS " + svc.key() + " " + sp.nodePort().getAsInt()),
              MatchExprs.and(proto, MatchExprs.ip(Field.DST_IP, self),
                  MatchExprs.port(Field.DST_PORT, PortSet.of(sp.nodePort().getAsInt()))),
              Outcome.next(ext, "nodePort " + sp.nodePort().getAsInt() + " of "
                  + svc.key() + " (nodePorts are not subject to loadBalancerSourceRanges)")));
        }
      }
      if (svc.externalTrafficPolicy() == TrafficPolicy.LOCAL && svc.healthCheckNodePort().isPresent()
          && !self.isEmpty()) {
        rules.add(Classifier.Rule.of(RuleRef.of("healthCheckNodePort " + svc.key()),
            MatchExprs.and(MatchExprs.protocol(ProtocolSet.of(Protocol.TCP)), MatchExprs.ip(Field.DST_IP, self),
                MatchExprs.port(Field.DST_PORT, PortSet.of(svc.healthCheckNodePort().getAsInt()))),
            Outcome.next(new AksKey.HealthCheck(n.name(), ref), "kube-proxy health check server of " + svc.key())));
      }
    }
    if (!self.isEmpty()) {
      rules.add(Classifier.Rule.of(RuleRef.of("kube-proxy healthz"),
          MatchExprs.and(MatchExprs.protocol(ProtocolSet.of(Protocol.TCP)), MatchExprs.ip(Field.DST_IP, self),
              MatchExprs.port(Field.DST_PORT, PortSet.of(PortRange.single(CloudProviderAzure.KUBE_PROXY_HEALTHZ_PORT),
                  PortRange.single(CloudProviderAzure.AKS_SHARED_PROBE_PORT)))),
          Outcome.next(new AksKey.Healthz(n.name()), "kube-proxy /healthz (via the AKS health-probe-proxy on 10356)")));
    }
    for (Pod pod : net.kubernetes().podsOnNode(n.name())) {
      if (pod.isLive() && !pod.podIps().isEmpty()) {
        rules.addAll(pod.hostNetwork() ? hostNetworkPodRules(pod, self) : podRules(pod));
        if (!pod.hostNetwork() && net.options().hostPort().served()) {
          rules.addAll(hostPortRules(n, pod));
        }
      }
    }
    return Classifier.of(key, KubeProxyOrigin.of(n.name(), Chain.SERVICES), rules, Outcome.drop(AksHopKind.KUBE_PROXY,
        "nothing on node " + n.name() + " serves this destination (no Service port, health check, pod address, hostPort or hostNetwork pod port)"));
  }

  /**
   * A pod's own address: its declared container ports (number and protocol), then every other TCP, UDP or SCTP port,
   * delivered as far as the network goes: {@code containerPort} is informational in Kubernetes, so the network
   * delivers a flow to an undeclared port and only the application decides whether anything listens.
   */
  private static List<Classifier.Rule> podRules(Pod pod) {
    List<Classifier.Rule> rules = new ArrayList<>();
    IpSet ips = IpSet.ofAddresses(pod.podIps());
    for (Container c : pod.containers()) {
      for (ContainerPort cp : c.ports()) {
        rules.add(Classifier.Rule.of(RuleRef.of("pod " + pod.key() + ":" + cp.containerPort() + "/" + cp.protocol()),
            MatchExprs.and(MatchExprs.protocol(ProtocolSet.of(cp.protocol())), MatchExprs.ip(Field.DST_IP, ips),
                MatchExprs.port(Field.DST_PORT, PortSet.of(cp.containerPort()))),
            Outcome.next(new AksKey.PodEntry(PodRef.of(pod), cp.containerPort(), Optional.empty()),
                "to pod " + pod.key())));
      }
    }
    rules.add(Classifier.Rule.of(RuleRef.of("pod " + pod.key() + " undeclared port"),
        MatchExprs.and(MatchExprs.protocol(PORT_PROTOCOLS), MatchExprs.ip(Field.DST_IP, ips)),
        Outcome.next(new AksKey.PodEntry(PodRef.of(pod), AksKey.UNDECLARED_PORT, Optional.empty()),
            "to pod " + pod.key() + " on a port no container declares (containerPort is informational)")));
    return rules;
  }

  /**
   * A pod's container ports with a {@code hostPort}, on its node's addresses: the CNI's portmap DNAT to the pod (after
   * kube-proxy's Service rules, whose nodePorts win on a clash: UNVERIFIED order), one rule per address family.
   */
  private static List<Classifier.Rule> hostPortRules(Node n, Pod pod) {
    List<Classifier.Rule> rules = new ArrayList<>();
    for (Container c : pod.containers()) {
      for (ContainerPort cp : c.ports()) {
        if (cp.hostPort().isEmpty()) {
          continue;
        }
        for (IpAddress podIp : pod.podIps()) {
          IpSet nodeIps = IpSet.ofAddresses(n.internalIps().stream().filter(a -> a.family() == podIp.family())
              .toList());
          if (nodeIps.isEmpty()) {
            continue;
          }
          rules.add(Classifier.Rule.of(RuleRef.of("CNI-HOSTPORT-DNAT " + pod.key() + " " + cp.hostPort().getAsInt()
                  + "/" + cp.protocol()),
              MatchExprs.and(MatchExprs.protocol(ProtocolSet.of(cp.protocol())), MatchExprs.ip(Field.DST_IP, nodeIps),
                  MatchExprs.port(Field.DST_PORT, PortSet.of(cp.hostPort().getAsInt()))),
              Outcome.next(new AksKey.HostPort(n.name(), PodRef.of(pod), podIp, cp.hostPort().getAsInt(),
                  cp.protocol(), cp.containerPort()),
                  "hostPort " + cp.hostPort().getAsInt() + " of pod " + pod.key() + " (CNI portmap) to " + podIp + ":"
                      + cp.containerPort())));
        }
      }
    }
    return rules;
  }

  /**
   * A hostNetwork pod's declared container ports (number and protocol) on its node's address: served by the pod in
   * the node's network namespace, after kube-proxy's Service rules and with no NetworkPolicy (DOMAIN.md 6: hostNetwork
   * pods are never isolated). Its undeclared ports stay unknown: other processes of the node may listen there.
   */
  private static List<Classifier.Rule> hostNetworkPodRules(Pod pod, IpSet self) {
    List<Classifier.Rule> rules = new ArrayList<>();
    if (self.isEmpty()) {
      return rules;
    }
    for (Container c : pod.containers()) {
      for (ContainerPort cp : c.ports()) {
        rules.add(Classifier.Rule.of(RuleRef.of("hostNetwork pod " + pod.key() + ":" + cp.containerPort() + "/"
                + cp.protocol()),
            MatchExprs.and(MatchExprs.protocol(ProtocolSet.of(cp.protocol())), MatchExprs.ip(Field.DST_IP, self),
                MatchExprs.port(Field.DST_PORT, PortSet.of(cp.containerPort()))),
            Outcome.next(new AksKey.App(PodRef.of(pod), cp.containerPort()),
                "to hostNetwork pod " + pod.key() + " on the node's address")));
      }
    }
    return rules;
  }

  /**
   * kube-proxy on a node for a pod of the node or the node itself sending to a Service address: ClusterIPs, and
   * LoadBalancer IPs through the firewall chain of {@code loadBalancerSourceRanges} (the pod CIDR must be in the
   * ranges), then Cluster semantics.
   */
  public Element inCluster(AksKey.InCluster key) {
    Node n = hops.node(key.node());
    AksKey.Mode mode = key.mode();
    List<Classifier.Rule> rules = new ArrayList<>();
    for (Service svc : net.kubernetes().services()) {
      ServiceRef ref = ServiceRef.of(svc);
      for (ServicePort sp : svc.ports()) {
        if (!svc.headless()) {
          // KUBE-SVC: ClusterIP traffic, Cluster semantics; masqueraded only when the node itself sends
          for (IpAddress cip : svc.clusterIps()) {
            rules.add(Classifier.Rule.of(RuleRef.of("KUBE-SERVICES " + svc.key() + " " + cip + ":" + sp.port()),
                vip(sp, cip), Outcome.next(new AksKey.External(n.name(), ref, sp.port(), sp.protocol(), mode),
                    "ClusterIP of " + svc.key())));
          }
        }
        if (!svc.isLoadBalancer()) {
          continue;
        }
        boolean fw = !svc.loadBalancerSourceRanges().isEmpty();
        ElementKey target = fw ? new AksKey.Firewall(n.name(), ref, sp.port(), sp.protocol(), mode)
            : inClusterExternal(n.name(), svc, sp.port(), sp.protocol(), mode);
        for (IpAddress fe : svc.frontendIps()) {
          rules.add(Classifier.Rule.of(RuleRef.of("KUBE-SERVICES " + svc.key() + " " + fe + ":" + sp.port()),
              vip(sp, fe), Outcome.next(target, "load-balancer IP of " + svc.key() + " from inside the cluster"
                  + (fw ? ": firewall chain (loadBalancerSourceRanges)" : ""))));
        }
      }
    }
    String who = sourceName(mode.source()) + mode.egressPod().map(p -> " " + p).orElse("");
    return Classifier.of(key, KubeProxyOrigin.of(n.name(), Chain.IN_CLUSTER).withClient(who), rules,
        Outcome.drop(AksHopKind.KUBE_PROXY, "no Service virtual address (LB IP or ClusterIP) matches"));
  }

  private static String sourceName(AksKey.Source s) {
    return s == AksKey.Source.LB ? "lb" : s == AksKey.Source.POD ? "pod" : "host";
  }

  /** The external chain an in-cluster client takes: Cluster semantics (for ETP=Local: no masquerade from pods). */
  private static AksKey.External inClusterExternal(String node, Service svc, int port, Protocol proto,
                                                   AksKey.Mode mode) {
    ServiceRef ref = ServiceRef.of(svc);
    if (svc.externalTrafficPolicy() != TrafficPolicy.LOCAL) {
      AksKey.Mode lb = mode.egressPod().map(AksKey.Mode.FROM_LB::withEgressOf).orElse(AksKey.Mode.FROM_LB);
      return new AksKey.External(node, ref, port, proto, lb);
    }
    return new AksKey.External(node, ref, port, proto, mode);
  }

  /** The firewall chain of {@code loadBalancerSourceRanges}: sources outside the ranges are dropped. */
  public Element firewall(AksKey.Firewall key) {
    Node n = hops.node(key.node());
    Service svc = service(key.service());
    ElementKey ext = inClusterExternal(n.name(), svc, key.port(), key.protocol(), key.mode());
    IpSet ranges = IpSet.ofPrefixes(svc.loadBalancerSourceRanges());
    List<Classifier.Rule> rules = new ArrayList<>();
    rules.add(Classifier.Rule.of(RuleRef.of("KUBE-FW " + svc.loadBalancerSourceRanges()),
        MatchExprs.ip(Field.SRC_IP, ranges), Outcome.next(ext, "source in loadBalancerSourceRanges")));
    if (n.internalIps().stream().anyMatch(ranges::contains)) {
      rules.add(Classifier.Rule.of(RuleRef.of("KUBE-FW LB IP"), MatchExprs.ip(Field.SRC_IP,
          IpSet.ofAddresses(svc.frontendIps())),
          Outcome.next(ext, "source is the LB IP and a range contains the node IP")));
    }
    return Classifier.of(key, KubeProxyOrigin.of(n.name(), Chain.FIREWALL, key.service()), rules,
        Outcome.drop(AksHopKind.KUBE_PROXY, "source not in loadBalancerSourceRanges " + svc.loadBalancerSourceRanges()
            + ": dropped by KUBE-PROXY-FIREWALL").bypassingTo(ext));
  }

  /** Endpoints kube-proxy uses: Ready ones, else serving and terminating ones (DOMAIN.md 4.2). */
  private static List<ServiceEndpoint> usable(List<ServiceEndpoint> eps) {
    List<ServiceEndpoint> ready = new ArrayList<>();
    List<ServiceEndpoint> terminating = new ArrayList<>();
    for (ServiceEndpoint e : eps) {
      if (e.ready()) {
        ready.add(e);
      } else if (e.serving() && e.terminating()) {
        terminating.add(e);
      }
    }
    return ready.isEmpty() ? terminating : ready;
  }

  /**
   * kube-proxy's external chain of a Service port on a node. From the LB (or a nodePort): by the Service's
   * externalTrafficPolicy; from a pod of the node to the LB IP of an ETP=Local Service: cluster endpoints without
   * masquerade; from the node itself: cluster endpoints with masquerade (DOMAIN.md 4.1).
   */
  public Element external(AksKey.External key) {
    Node n = hops.node(key.node());
    Service svc = service(key.service());
    ServicePort sp = svc.port(key.port(), key.protocol()).orElseThrow();
    List<ServiceEndpoint> all = net.kubernetes().endpointsOf(svc, sp);
    Optional<Pod> egress = hops.egressPod(key.mode());
    AksKey.Source source = key.mode().source();
    boolean local = source == AksKey.Source.LB && svc.externalTrafficPolicy() == TrafficPolicy.LOCAL;
    boolean masquerade = !local && source != AksKey.Source.POD;
    String semantics = " client: Cluster semantics" + (masquerade ? "" : ", no masquerade");
    Optional<String> client = egress.isPresent() ? Optional.of("in-cluster pod " + egress.get().key() + semantics)
        : source == AksKey.Source.LB ? Optional.empty() : Optional.of("in-cluster " + sourceName(source) + semantics);
    KubeProxyOrigin origin = new KubeProxyOrigin(n.name(), Chain.EXTERNAL, Optional.of(key.service()),
        OptionalInt.of(key.port()), Optional.of(svc.externalTrafficPolicy()), client, Optional.empty(),
        Optional.empty());
    List<ServiceEndpoint> eps;
    if (local) {
      List<ServiceEndpoint> mine = new ArrayList<>();
      for (ServiceEndpoint e : all) {
        if (e.nodeName().map(n.name()::equals).orElse(false)) {
          mine.add(e);
        }
      }
      eps = usable(mine);
      if (eps.isEmpty()) {
        return Classifier.of(key, origin, List.of(), Outcome.drop(AksHopKind.KUBE_PROXY,
            "externalTrafficPolicy Local and no local endpoint on " + n.name()
                + ": dropped (\"has no local endpoints\")"));
      }
    } else {
      eps = usable(all);
      if (eps.isEmpty()) {
        return Classifier.of(key, origin, List.of(), Outcome.drop(AksHopKind.KUBE_PROXY,
            "Service has no endpoints: rejected (\"has no endpoints\", connection refused)"));
      }
    }
    List<Fork.Branch> branches = new ArrayList<>();
    Weight w = Weight.of(1, eps.size());
    for (ServiceEndpoint e : eps) {
      branches.add(branch(n, e, w, local, masquerade, egress));
    }
    return Fork.of(key, origin, branches);
  }

  /** kube-proxy's choice of one endpoint: DNAT, and the masquerade and next hop the mode gives. */
  private Fork.Branch branch(Node n, ServiceEndpoint e, Weight w, boolean local, boolean masquerade,
                             Optional<Pod> egress) {
    Optional<Pod> pod = e.targetRef().flatMap(ref -> net.kubernetes().pod(ref.namespace(), ref.name()))
        .or(() -> net.kubernetes().podByIp(e.address()));
    List<Assign> assigns = new ArrayList<>();
    assigns.add(Assign.dstIp(e.address()));
    assigns.add(Assign.dstPort(e.port()));
    boolean sameNode = e.nodeName().map(n.name()::equals).orElse(false);
    String decision = "endpoint " + e.address() + ":" + e.port() + pod.map(p -> " (" + p.key() + ")").orElse("");
    ElementKey target;
    if (pod.isEmpty()) {
      target = Endpoints.sink(hops, e.address(), e.port(), PodOrigin.Role.ENDPOINT);
    } else {
      PodRef p = PodRef.of(pod.get());
      AksKey.PodEntry entry = new AksKey.PodEntry(p, e.port(), Optional.empty());
      if (local) {
        target = entry;
        decision += ", local, no SNAT";
      } else if (!masquerade) {
        target = sameNode ? entry : new AksKey.CrossNode(n.name(), p, e.port());
        decision += (sameNode ? ", local" : " on " + e.nodeName().orElse("?")) + ", no SNAT (pod source)";
      } else if (sameNode) {
        IpAddress snat = net.sameNodeSnat(n, e.address().family()).orElse(e.address());
        if (net.scenario().config().networkPolicySeesSourceOrDefault() == NetworkPolicySource.PRE_SNAT) {
          target = new AksKey.PodEntry(p, e.port(), Optional.of(snat));
        } else {
          assigns.add(Assign.srcIp(snat));
          target = entry;
        }
        decision += ", local, MASQUERADE to " + snat;
      } else {
        IpAddress snat = n.internalIp(e.address().family()).orElse(e.address());
        assigns.add(Assign.srcIp(snat));
        target = new AksKey.CrossNode(n.name(), p, e.port());
        decision += " on " + e.nodeName().orElse("?") + ", MASQUERADE to " + snat;
      }
    }
    if (egress.isPresent()) {
      // the client pod's egress rules see the endpoint (after DNAT) and the pod's own address: kube-proxy's
      // MASQUERADE is in POSTROUTING, after filtering
      List<Assign> masq = assigns.stream().filter(a -> a.field() == Field.SRC_IP).toList();
      if (!masq.isEmpty()) {
        assigns.removeAll(masq);
        target = new AksKey.Masquerade(n.name(), IpAddress.ofKey(masq.get(0).hi(), masq.get(0).lo()), target);
      }
      target = hops.egressOf(egress.get(), target);
    }
    return Fork.Branch.of(w, target, assigns, decision);
  }

  /** kube-proxy's masquerade after a client pod's egress rules. */
  public Element masquerade(AksKey.Masquerade key) {
    KubeProxyOrigin o = new KubeProxyOrigin(key.node(), Chain.MASQUERADE, Optional.empty(), OptionalInt.empty(),
        Optional.empty(), Optional.empty(), Optional.of(key.to()), Optional.empty());
    return Rewrite.of(key, o, List.of(Assign.srcIp(key.to())), key.target());
  }

  /** The health check server of an ETP=Local Service: 200 with the local endpoint count, or 503. */
  public Element healthCheck(AksKey.HealthCheck key) {
    Node n = hops.node(key.node());
    Service svc = service(key.service());
    int local = 0;
    for (ServicePort sp : svc.ports()) {
      Set<IpAddress> ips = new HashSet<>();
      for (ServiceEndpoint e : net.kubernetes().endpointsOf(svc, sp)) {
        if (e.ready() && e.nodeName().map(n.name()::equals).orElse(false)) {
          ips.add(e.address());
        }
      }
      local = Math.max(local, ips.size());
    }
    KubeProxyOrigin origin = KubeProxyOrigin.of(n.name(), Chain.HEALTH_CHECK, key.service());
    if (local > 0) {
      return Sink.of(key, origin.withAnswer("200 {\"localEndpoints\": " + local + "}"));
    }
    return Classifier.of(key, origin, List.of(), Outcome.drop(AksHopKind.KUBE_PROXY,
        "health check answers 503 {\"localEndpoints\": 0}").withStatus(503));
  }

  /** kube-proxy's {@code /healthz}: 200, or 503 on a node being deleted. */
  public Element healthz(AksKey.Healthz key) {
    Node n = hops.node(key.node());
    KubeProxyOrigin origin = KubeProxyOrigin.of(n.name(), Chain.HEALTHZ);
    if (n.toBeDeletedByClusterAutoscaler() || n.deleting()) {
      return Classifier.of(key, origin, List.of(), Outcome.drop(AksHopKind.KUBE_PROXY,
          "node is not eligible (being deleted): 503").withStatus(503));
    }
    return Sink.of(key, origin.withAnswer("200"));
  }
}
