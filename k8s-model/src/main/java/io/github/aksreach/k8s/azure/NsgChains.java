package io.github.aksreach.k8s.azure;

import io.github.aksreach.core.solver.Classifier;
import io.github.aksreach.core.solver.ElementKey;
import io.github.aksreach.k8s.cluster.AksNetwork;
import io.github.aksreach.k8s.cluster.LbRuleSpec;
import io.github.aksreach.k8s.hops.AksKey;
import io.github.aksreach.k8s.model.Node;
import io.github.aksreach.nsg.eval.EvalOptions;
import io.github.aksreach.nsg.eval.NsgClassifiers;
import io.github.aksreach.nsg.eval.NsgHopKey;
import io.github.aksreach.nsg.model.Direction;
import io.github.aksreach.nsg.model.NetworkInterface;
import io.github.aksreach.nsg.model.NetworkSecurityGroup;
import io.github.aksreach.nsg.model.NsgPath;
import io.github.aksreach.nsg.model.ResourceId;
import io.github.aksreach.nsg.model.Subnet;
import io.github.aksreach.nsg.model.VirtualNetwork;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The NSG chains of the graph: each chain is a key ({@link AksKey.NodeInbound}, {@link AksKey.NodeOutbound},
 * {@link AksKey.ClientNic}, {@link AksKey.ClientSubnet}) and its hops are {@link NsgHopKey}s of that chain. The rules
 * of a path are compiled once per distinct (subnet, NSGs, direction, options) into templates; a hop is the template
 * retargeted to its chain when the solver first reaches it, so naming every node's chain costs a key.
 *
 * <pre>{@code
 * ElementKey entry = chains.nodeIn(node, new AksKey.Host(node.name()));   // NsgHopKey of NodeInbound(node, host)
 * Classifier subnetNsg = chains.hop((NsgHopKey) entry);
 * }</pre>
 */
public final class NsgChains {
  /** The chain of the compiled templates, and where their last hop goes. */
  private static final ElementKey TEMPLATE = ElementKey.named("template");
  private static final ElementKey END = ElementKey.named("end");

  private final AksNetwork net;
  private final Map<TemplateKey, List<Classifier>> templates = new HashMap<>();

  /** A path by the ids of its subnet and NSGs (not their contents: hashing whole NSGs would cost their rules). */
  private record TemplateKey(Optional<ResourceId> subnet, Optional<ResourceId> subnetNsg, Optional<ResourceId> nicNsg,
                             Direction direction, EvalOptions options) {
    static TemplateKey of(NsgPath p, Direction d, EvalOptions o) {
      return new TemplateKey(p.subnet().map(Subnet::id), p.subnetNsg().map(NetworkSecurityGroup::id),
          p.nicNsg().map(NetworkSecurityGroup::id), d, o);
    }
  }

  public NsgChains(AksNetwork net) {
    this.net = net;
  }

  /** The entry of {@code node}'s inbound NSGs, continuing to {@code target}. */
  public synchronized ElementKey nodeIn(Node node, ElementKey target) {
    return entry(new AksKey.NodeInbound(node.name(), target, false), net.nsgPath(node), Direction.INBOUND,
        net.options().nsg());
  }

  /**
   * The entry of {@code node}'s inbound NSGs for flows from {@code rule}'s frontend: with no NSG on the node's subnet
   * or NIC, flows from a Standard SKU public frontend are denied, Standard load balancers and public IPs being secure
   * by default (DOMAIN.md 2.6; the SKU as {@link io.github.aksreach.k8s.cluster.LoadBalancerResolver} resolves it).
   * Internal and Basic SKU frontends use {@link #nodeIn}.
   */
  public synchronized ElementKey nodeInFromFrontend(Node node, ElementKey target, LbRuleSpec rule) {
    EvalOptions o = net.options().nsg();
    if (!rule.secureByDefault() || o.secureByDefault()) {
      return nodeIn(node, target);
    }
    return entry(new AksKey.NodeInbound(node.name(), target, true), net.nsgPath(node), Direction.INBOUND,
        o.withSecureByDefault(true));
  }

  /** The entry of {@code node}'s outbound NSGs, continuing to {@code target}. */
  public synchronized ElementKey nodeOut(Node node, ElementKey target) {
    return entry(new AksKey.NodeOutbound(node.name(), target), net.nsgPath(node), Direction.OUTBOUND,
        net.options().nsg());
  }

  /** The entry of a client NIC's outbound NSGs, continuing to Azure routing. */
  public synchronized ElementKey clientNic(NetworkInterface nic) {
    return entry(new AksKey.ClientNic(nic.name()), net.azure().nsgsOnPath(nic), Direction.OUTBOUND,
        net.options().nsg());
  }

  /** The entry of a client subnet's outbound NSGs, continuing to Azure routing. */
  public synchronized ElementKey clientSubnet(Subnet s) {
    return entry(new AksKey.ClientSubnet(s.name()), subnetPath(s), Direction.OUTBOUND, net.options().nsg());
  }

  /** The entry of one subnet's NSG (no NIC) in a direction, continuing to {@code target}. */
  public synchronized ElementKey subnetNsg(Subnet s, boolean inbound, ElementKey target) {
    return entry(new AksKey.SubnetNsg(s.id().value(), inbound, target), subnetPath(s),
        inbound ? Direction.INBOUND : Direction.OUTBOUND, net.options().nsg());
  }

  /** A value equal for two nodes exactly when they leave through the same NSGs (subnet, NSGs, direction). */
  public Object outboundPathKey(Node node) {
    return TemplateKey.of(net.nsgPath(node), Direction.OUTBOUND, net.options().nsg());
  }

  /** The hop a key names: its chain's template at that position, retargeted to the chain. */
  public synchronized Classifier hop(NsgHopKey key) {
    Chain c = chain(key.chain());
    for (Classifier t : templates(c.path(), key.direction(), c.options())) {
      if (((NsgHopKey) t.key()).position().equals(key.position())) {
        return t.retargeted(key, k -> k.equals(END) ? c.target()
            : k instanceof NsgHopKey && ((NsgHopKey) k).chain().equals(TEMPLATE) ? ((NsgHopKey) k).inChain(key.chain())
            : k);
      }
    }
    throw new IllegalStateException("no NSG hop " + key);
  }

  /** What a chain key stands for: the NSG path, the options and where the chain ends. */
  private record Chain(NsgPath path, EvalOptions options, ElementKey target) {}

  private Chain chain(ElementKey key) {
    EvalOptions o = net.options().nsg();
    if (key instanceof AksKey.NodeInbound) {
      AksKey.NodeInbound in = (AksKey.NodeInbound) key;
      return new Chain(net.nsgPath(node(in.node())), in.publicFrontend() ? o.withSecureByDefault(true) : o,
          in.target());
    }
    if (key instanceof AksKey.NodeOutbound) {
      AksKey.NodeOutbound out = (AksKey.NodeOutbound) key;
      return new Chain(net.nsgPath(node(out.node())), o, out.target());
    }
    if (key instanceof AksKey.ClientNic) {
      String name = ((AksKey.ClientNic) key).nic();
      NetworkInterface nic = net.azure().nics().stream().filter(n -> n.name().equals(name)).findFirst()
          .orElseThrow(() -> new IllegalStateException("no NIC " + name));
      return new Chain(net.azure().nsgsOnPath(nic), o, AksKey.DISPATCH);
    }
    if (key instanceof AksKey.SubnetNsg) {
      AksKey.SubnetNsg sn = (AksKey.SubnetNsg) key;
      return new Chain(subnetPath(net.azure().subnet(ResourceId.of(sn.subnet()))
          .orElseThrow(() -> new IllegalStateException("no subnet " + sn.subnet()))), o, sn.target());
    }
    String name = ((AksKey.ClientSubnet) key).subnet();
    for (VirtualNetwork v : net.azure().vnets()) {
      for (Subnet s : v.subnets()) {
        if (s.name().equals(name)) {
          return new Chain(subnetPath(s), o, AksKey.DISPATCH);
        }
      }
    }
    throw new IllegalStateException("no subnet " + name);
  }

  private Node node(String name) {
    return net.node(name).orElseThrow(() -> new IllegalStateException("no node " + name));
  }

  private NsgPath subnetPath(Subnet s) {
    return new NsgPath(Optional.of(s), s.nsgId().flatMap(net.azure()::nsg), Optional.empty());
  }

  private ElementKey entry(ElementKey chain, NsgPath path, Direction direction, EvalOptions options) {
    return ((NsgHopKey) templates(path, direction, options).get(0).key()).inChain(chain);
  }

  /** The compiled templates of a path and direction (one compilation per distinct subnet, NSGs, options). */
  private List<Classifier> templates(NsgPath path, Direction direction, EvalOptions options) {
    return templates.computeIfAbsent(TemplateKey.of(path, direction, options), k -> NsgClassifiers.forPath(path,
        direction, net.resolver(path.subnet()), TEMPLATE, END, options));
  }
}
