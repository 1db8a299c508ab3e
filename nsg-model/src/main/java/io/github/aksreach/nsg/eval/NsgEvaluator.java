package io.github.aksreach.nsg.eval;

import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.InvalidModelException;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.nsg.model.AzureNetwork;
import io.github.aksreach.nsg.model.Direction;
import io.github.aksreach.nsg.model.IpConfiguration;
import io.github.aksreach.nsg.model.VirtualNetwork;
import io.github.aksreach.nsg.model.NetworkInterface;
import io.github.aksreach.nsg.model.NsgPath;
import io.github.aksreach.nsg.model.SecurityRule;
import io.vavr.control.Validation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Concrete NSG evaluation of one flow at one network interface.
 *
 * <pre>{@code
 * NsgEvaluator eval = NsgEvaluator.of(net);
 * NetworkInterface userNode = net.nicByIp(IpAddress.of("192.168.0.36")).orElseThrow();
 * NsgVerdict in = eval.evaluate(userNode, Direction.INBOUND, Flow.tcp("192.168.1.4:50326", "192.168.0.36:31880"));
 * in.allowed();   // false: nsg-user (the subnet's NSG) denies it with DenyAllCustom (4000)
 * }</pre>
 *
 * <p>Important notes (Azure's semantics): inbound traffic meets the subnet's NSG first, then the NIC's; outbound
 * traffic the NIC's first, then the subnet's. Each NSG decides by its first matching rule in ascending priority
 * order of that direction; a flow passes only if every NSG on the path allows it, and evaluation stops at the first
 * denial. With no NSG on either, the flow is allowed, unless {@link EvalOptions#secureByDefault()} is set for an
 * inbound flow. The IP configuration evaluated is the one holding the flow's destination (inbound) or source
 * (outbound) address, else the primary one. Compiled NSGs are cached per NSG, direction and VNet context; the
 * evaluator is thread-safe.
 */
public final class NsgEvaluator {
  private final AzureNetwork net;
  private final EvalOptions options;
  private final boolean indexed;
  private final Map<AddressResolver, Map<String, CompiledNsg>> cache = new ConcurrentHashMap<>();
  private final Map<String, AddressResolver> resolvers = new ConcurrentHashMap<>();

  private NsgEvaluator(AzureNetwork net, EvalOptions options, boolean indexed) {
    this.net = net;
    this.options = options;
    this.indexed = indexed;
  }

  public static NsgEvaluator of(AzureNetwork net) {
    return new NsgEvaluator(net, EvalOptions.defaults(), true);
  }

  public static NsgEvaluator of(AzureNetwork net, EvalOptions options) {
    return new NsgEvaluator(net, options, true);
  }

  /** The same evaluator deciding each NSG by a linear scan of its rules: the reference semantics. */
  public NsgEvaluator linear() {
    return new NsgEvaluator(net, options, false);
  }

  public EvalOptions options() {
    return options;
  }

  /**
   * The verdict for {@code flow} at {@code nic} in {@code direction}.
   *
   * @throws InvalidModelException if the NIC's VNet is unknown (its VirtualNetwork tag cannot be computed) or a
   *     rule cannot be resolved; {@link #check} reports these as values
   */
  public NsgVerdict evaluate(NetworkInterface nic, Direction direction, Flow flow) {
    Validation<ModelError, NsgVerdict> v = check(nic, direction, flow);
    if (v.isInvalid()) {
      throw new InvalidModelException(v.getError().toString());
    }
    return v.get();
  }

  /** {@link #evaluate}, with an unknown context as an error value. */
  public Validation<ModelError, NsgVerdict> check(NetworkInterface nic, Direction direction, Flow flow) {
    NsgPath path = net.nsgsOnPath(nic, direction == Direction.INBOUND ? flow.dstIp() : flow.srcIp());
    if (path.isEmpty()) {
      return Validation.valid(noNsg(direction));
    }
    Validation<ModelError, AddressResolver> r = resolverFor(nic);
    if (r.isInvalid()) {
      return Validation.invalid(r.getError());
    }
    return Validation.valid(evaluate(path, r.get(), direction, flow));
  }

  /** The verdict for {@code flow} through the NSGs of {@code path}, with addresses resolved by {@code resolver}. */
  public NsgVerdict evaluate(NsgPath path, AddressResolver resolver, Direction direction, Flow flow) {
    List<NsgPath.Applied> applied = path.inOrder(direction);
    if (applied.isEmpty()) {
      return noNsg(direction);
    }
    List<NsgDecision> decisions = new ArrayList<>(applied.size());
    for (NsgPath.Applied a : applied) {
      CompiledNsg c = compiled(a, direction, resolver);
      SecurityRule rule = indexed ? c.decide(flow) : c.decideLinear(flow);
      NsgDecision d = new NsgDecision(a.position(), a.nsg(), rule);
      decisions.add(d);
      if (!d.allowed()) {
        return new NsgVerdict(direction, false, decisions, Optional.empty());
      }
    }
    return new NsgVerdict(direction, true, decisions, Optional.empty());
  }

  private NsgVerdict noNsg(Direction direction) {
    if (options.secureByDefault() && direction == Direction.INBOUND) {
      return new NsgVerdict(direction, false, List.of(),
          Optional.of("no NSG on subnet or NIC: Standard SKU is secure by default, inbound denied"));
    }
    return new NsgVerdict(direction, true, List.of(), Optional.of("no NSG on subnet or NIC: allowed"));
  }

  private Validation<ModelError, AddressResolver> resolverFor(NetworkInterface nic) {
    Optional<IpConfiguration> ipc = nic.primaryIpConfiguration();
    Optional<VirtualNetwork> vnet = ipc.flatMap(IpConfiguration::subnetId).flatMap(net::subnet)
        .or(() -> ipc.flatMap(IpConfiguration::privateIp).flatMap(net::subnetContaining))
        .flatMap(net::vnetOf)
        .or(() -> ipc.flatMap(IpConfiguration::privateIp).flatMap(net::vnetContaining));
    if (vnet.isEmpty()) {
      return AddressResolver.forNic(net, nic, options);   // the error, worded once
    }
    return Validation.valid(resolvers.computeIfAbsent(vnet.get().id().value().toLowerCase(Locale.ROOT),
        k -> AddressResolver.forVnet(net, vnet.get(), options)));
  }

  private CompiledNsg compiled(NsgPath.Applied a, Direction d, AddressResolver r) {
    return cache.computeIfAbsent(r, k -> new ConcurrentHashMap<>())
        .computeIfAbsent(a.nsg().id().value().toLowerCase(Locale.ROOT) + "|" + d, k -> CompiledNsg.of(a.nsg(), d, r));
  }
}
