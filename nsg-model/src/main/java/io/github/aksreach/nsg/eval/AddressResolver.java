package io.github.aksreach.nsg.eval;

import io.github.aksreach.core.model.InvalidModelException;
import io.github.aksreach.core.model.IpSet;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.nsg.model.AddressSpec;
import io.github.aksreach.nsg.model.AzureNetwork;
import io.github.aksreach.nsg.model.IpConfiguration;
import io.github.aksreach.nsg.model.NetworkInterface;
import io.github.aksreach.nsg.model.ResourceId;
import io.github.aksreach.nsg.model.ServiceTagCatalog;
import io.github.aksreach.nsg.model.Subnet;
import io.github.aksreach.nsg.model.VirtualNetwork;
import io.vavr.control.Validation;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a rule's {@link AddressSpec} into the exact set of addresses it denotes, in the context of one VNet.
 *
 * <pre>{@code
 * AddressResolver r = AddressResolver.forVnet(net, vnet);           // tags and ASGs of a loaded network
 * r.resolve(AddressSpec.tag("VirtualNetwork")).get();                // VNet space + peered + UDRs + 168.63.129.16
 *                                                                    // + EvalOptions.connectedPrefixes()
 * r.resolve(AddressSpec.tag("Storage")).isInvalid();                 // true unless a ServiceTags file defines it
 * AddressResolver t = AddressResolver.of(IpSet.parse("10.0.0.0/16").orElseThrow(), ServiceTagCatalog.builder().build(),
 *     Map.of(webAsg, IpSet.parse("10.0.1.4").orElseThrow()));                // an explicit context, e.g. in tests
 * }</pre>
 *
 * <p>Important notes: an unknown service tag or application security group is an error value, never an empty set.
 * A known ASG without loaded members resolves to the empty set, so its rules never match. See
 * {@link ServiceTagCatalog} for the built-in tags.
 */
public final class AddressResolver {
  private final IpSet virtualNetwork;
  private final ServiceTagCatalog tags;
  private final Map<ResourceId, IpSet> asgMembers;
  private final boolean acceptUnknownAsgs;
  private final String context;

  private AddressResolver(IpSet virtualNetwork, ServiceTagCatalog tags, Map<ResourceId, IpSet> asgMembers,
                          boolean acceptUnknownAsgs, String context) {
    this.virtualNetwork = virtualNetwork;
    this.tags = tags;
    this.asgMembers = Map.copyOf(asgMembers);
    this.acceptUnknownAsgs = acceptUnknownAsgs;
    this.context = context;
  }

  /**
   * An explicit context: the {@code VirtualNetwork} tag, loaded tags and ASG memberships. ASGs not in
   * {@code asgMembers} are unknown (an error).
   */
  public static AddressResolver of(IpSet virtualNetwork, ServiceTagCatalog tags, Map<ResourceId, IpSet> asgMembers) {
    return new AddressResolver(virtualNetwork, tags, asgMembers, false, "explicit context");
  }

  /** The context of {@code vnet} in {@code net}, with {@link EvalOptions#defaults()}. */
  public static AddressResolver forVnet(AzureNetwork net, VirtualNetwork vnet) {
    return forVnet(net, vnet, EvalOptions.defaults());
  }

  /**
   * The context of {@code vnet} in {@code net}: its {@code VirtualNetwork} tag (with
   * {@link EvalOptions#connectedPrefixes()}), the network's service tags, and ASG
   * members from the network's NIC IP configurations. An ASG is known if it was loaded or any NIC is a member;
   * when the network holds no ASG resource at all, every ASG is accepted (members: the loaded NICs that say so).
   */
  public static AddressResolver forVnet(AzureNetwork net, VirtualNetwork vnet, EvalOptions options) {
    Map<ResourceId, IpSet> members = new HashMap<>(net.asgMemberships());
    net.asgs().forEach(a -> members.putIfAbsent(a.id(), IpSet.empty()));
    IpSet vnetTag = ServiceTagCatalog.virtualNetworkSpace(net, vnet, options.virtualNetworkIncludesDefaultRoutes())
        .union(IpSet.ofPrefixes(options.connectedPrefixes()));
    return new AddressResolver(vnetTag, net.serviceTags(), members, net.asgs().isEmpty(), "vnet " + vnet.name());
  }

  /**
   * The context of the VNet of {@code nic}'s primary IP configuration.
   *
   * @return the resolver, or an error if the NIC's subnet or VNet was not loaded
   */
  public static Validation<ModelError, AddressResolver> forNic(AzureNetwork net, NetworkInterface nic,
                                                               EvalOptions options) {
    Optional<IpConfiguration> ipc = nic.primaryIpConfiguration();
    Optional<Subnet> subnet = ipc.flatMap(IpConfiguration::subnetId).flatMap(net::subnet)
        .or(() -> ipc.flatMap(IpConfiguration::privateIp).flatMap(net::subnetContaining));
    Optional<VirtualNetwork> vnet = subnet.flatMap(net::vnetOf)
        .or(() -> ipc.flatMap(IpConfiguration::privateIp).flatMap(net::vnetContaining));
    if (vnet.isEmpty()) {
      return Validation.invalid(ModelError.of(
          "cannot resolve the VirtualNetwork tag for NIC %s: the VNet of its subnet %s was not loaded",
          nic.name(), ipc.flatMap(IpConfiguration::subnetId).map(ResourceId::toString).orElse("(none)")));
    }
    return Validation.valid(forVnet(net, vnet.get(), options));
  }

  /** The {@code VirtualNetwork} tag of this context. */
  public IpSet virtualNetwork() {
    return virtualNetwork;
  }

  public ServiceTagCatalog serviceTags() {
    return tags;
  }

  /** What this context is ({@code "vnet vnet-aks-lab"}). */
  public String context() {
    return context;
  }

  /** The exact addresses of {@code spec}, or an error naming the unknown tag or ASG. */
  public Validation<ModelError, IpSet> resolve(AddressSpec spec) {
    if (spec instanceof AddressSpec.Any) {
      return Validation.valid(IpSet.all());
    }
    if (spec instanceof AddressSpec.Prefixes) {
      return Validation.valid(((AddressSpec.Prefixes) spec).set());
    }
    if (spec instanceof AddressSpec.ServiceTag) {
      return tags.resolve(((AddressSpec.ServiceTag) spec).name(), virtualNetwork);
    }
    IpSet s = IpSet.empty();
    for (ResourceId id : ((AddressSpec.Asgs) spec).ids()) {
      IpSet m = asgMembers.get(id);
      if (m == null && !acceptUnknownAsgs) {
        return Validation.invalid(ModelError.of(
            "unknown application security group '%s' in %s", id, context));
      }
      s = m == null ? s : s.union(m);
    }
    return Validation.valid(s);
  }

  /** {@link #resolve}, throwing {@link InvalidModelException} for an unknown tag or ASG. */
  public IpSet resolveOrThrow(AddressSpec spec) {
    Validation<ModelError, IpSet> v = resolve(spec);
    if (v.isInvalid()) {
      throw new InvalidModelException(v.getError().message());
    }
    return v.get();
  }

  @Override
  public String toString() {
    return "AddressResolver[" + context + ", VirtualNetwork=" + virtualNetwork + "]";
  }
}
