package io.github.aksreach.nsg.model;

import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.core.model.IpSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.immutables.value.Value;

/**
 * Everything loaded about an Azure estate, joined: VNets with their subnets, NSGs, NICs, route tables, ASGs, load
 * balancers, public IPs and service tags, with the lookups the reachability graph needs.
 *
 * <pre>{@code
 * AzureNetwork net = AzureLoader.loadDirectory(Path.of("lab/step3-cluster-nsgs/azure")).orThrow();
 * Subnet user = net.subnetContaining(IpAddress.of("192.168.0.36")).orElseThrow();   // subnet "user"
 * NetworkInterface nic = net.nicByIp(IpAddress.of("192.168.0.36")).orElseThrow();
 * NsgPath path = net.nsgsOnPath(nic);          // subnet NSG nsg-user, NIC NSG aks-agentpool-41831646-nsg
 * net.nsgByName("nsg-user");                   // Optional[NSG nsg-user]
 * net.vnetOf(user);                            // Optional[vnet vnet-aks-lab]
 * }</pre>
 *
 * <p>Subnet and NIC associations ({@code Subnet.nsgId()}, {@code NetworkInterface.nsgId()},
 * {@code Subnet.routeTableId()}) are authoritative here: the loader has already merged what the NSGs and route
 * tables report about themselves. Lookups by id ignore case, as Azure does.
 */
@Value.Immutable
abstract class AbstractAzureNetwork {
  public abstract List<VirtualNetwork> vnets();

  public abstract List<NetworkSecurityGroup> nsgs();

  public abstract List<NetworkInterface> nics();

  public abstract List<RouteTable> routeTables();

  public abstract List<ApplicationSecurityGroup> asgs();

  public abstract List<LoadBalancer> loadBalancers();

  public abstract List<PublicIpAddress> publicIps();

  /** Loaded service tags; empty when no {@code ServiceTags_*.json} was loaded (the built-in tags still work). */
  @Value.Default
  public ServiceTagCatalog serviceTags() {
    return ServiceTagCatalog.builder().build();
  }

  /** An empty network. */
  public static AzureNetwork empty() {
    return AzureNetwork.builder().build();
  }

  private static <T> Map<ResourceId, T> index(List<T> xs, Function<T, ResourceId> id) {
    Map<ResourceId, T> m = new HashMap<>();
    for (T x : xs) {
      m.putIfAbsent(id.apply(x), x);
    }
    return m;
  }

  @Value.Lazy
  Map<ResourceId, Subnet> subnetIndex() {
    Map<ResourceId, Subnet> m = new HashMap<>();
    for (VirtualNetwork v : vnets()) {
      for (Subnet s : v.subnets()) {
        m.putIfAbsent(s.id(), s);
      }
    }
    return m;
  }

  @Value.Lazy
  Map<ResourceId, VirtualNetwork> vnetIndex() {
    return index(vnets(), VirtualNetwork::id);
  }

  @Value.Lazy
  Map<ResourceId, NetworkSecurityGroup> nsgIndex() {
    return index(nsgs(), NetworkSecurityGroup::id);
  }

  @Value.Lazy
  Map<ResourceId, NetworkInterface> nicIndex() {
    return index(nics(), NetworkInterface::id);
  }

  @Value.Lazy
  Map<IpAddress, NetworkInterface> nicByIpIndex() {
    Map<IpAddress, NetworkInterface> m = new HashMap<>();
    for (NetworkInterface n : nics()) {
      for (IpConfiguration c : n.ipConfigurations()) {
        c.privateIp().ifPresent(ip -> m.putIfAbsent(ip, n));
      }
    }
    return m;
  }

  /**
   * Every ASG some NIC IP configuration is a member of, with the private addresses of its members (empty when none of
   * them has one); computed once.
   */
  @Value.Lazy
  public Map<ResourceId, IpSet> asgMemberships() {
    Map<ResourceId, IpSet> m = new HashMap<>();
    for (NetworkInterface n : nics()) {
      for (IpConfiguration c : n.ipConfigurations()) {
        for (ResourceId asg : c.asgIds()) {
          m.merge(asg, c.addresses(), IpSet::union);
        }
      }
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  public Optional<VirtualNetwork> vnet(ResourceId id) {
    return Optional.ofNullable(vnetIndex().get(id));
  }

  public Optional<Subnet> subnet(ResourceId id) {
    return Optional.ofNullable(subnetIndex().get(id));
  }

  /** The VNet a subnet belongs to. */
  public Optional<VirtualNetwork> vnetOf(Subnet s) {
    return s.vnetId().flatMap(this::vnet).or(() -> vnets().stream()
        .filter(v -> v.subnets().stream().anyMatch(x -> x.id().equals(s.id()))).findFirst());
  }

  /** The most specific subnet whose prefixes contain {@code ip} (longest prefix wins). */
  public Optional<Subnet> subnetContaining(IpAddress ip) {
    Subnet best = null;
    int bestLen = -1;
    for (Subnet s : subnetIndex().values()) {
      for (IpPrefix p : s.prefixes()) {
        if (p.contains(ip) && p.length() > bestLen) {
          best = s;
          bestLen = p.length();
        }
      }
    }
    return Optional.ofNullable(best);
  }

  /** The VNet whose address space contains {@code ip}. */
  public Optional<VirtualNetwork> vnetContaining(IpAddress ip) {
    return vnets().stream().filter(v -> v.addressSpace().contains(ip)).findFirst();
  }

  public Optional<NetworkInterface> nic(ResourceId id) {
    return Optional.ofNullable(nicIndex().get(id));
  }

  /** The network interface with an IP configuration holding {@code ip}. */
  public Optional<NetworkInterface> nicByIp(IpAddress ip) {
    NetworkInterface exact = nicByIpIndex().get(ip);
    if (exact != null) {
      return Optional.of(exact);
    }
    return nics().stream().filter(n -> n.ipConfigurations().stream()
        .anyMatch(c -> c.privateIpPrefixLength().isPresent() && c.holds(ip))).findFirst();
  }

  public Optional<NetworkSecurityGroup> nsg(ResourceId id) {
    return Optional.ofNullable(nsgIndex().get(id));
  }

  /** Every NSG named {@code name} (ignoring case); several when resource groups reuse a name. */
  public List<NetworkSecurityGroup> nsgsNamed(String name) {
    List<NetworkSecurityGroup> out = new ArrayList<>();
    for (NetworkSecurityGroup n : nsgs()) {
      if (n.name().equalsIgnoreCase(name)) {
        out.add(n);
      }
    }
    return out;
  }

  /** The NSG named {@code name}, if exactly one has that name; use {@link #nsg(ResourceId)} otherwise. */
  public Optional<NetworkSecurityGroup> nsgByName(String name) {
    List<NetworkSecurityGroup> all = nsgsNamed(name);
    return all.size() == 1 ? Optional.of(all.get(0)) : Optional.empty();
  }

  public Optional<RouteTable> routeTable(ResourceId id) {
    return routeTables().stream().filter(r -> r.id().equals(id)).findFirst();
  }

  public Optional<ApplicationSecurityGroup> asg(ResourceId id) {
    return asgs().stream().filter(r -> r.id().equals(id)).findFirst();
  }

  public Optional<LoadBalancer> loadBalancer(ResourceId id) {
    return loadBalancers().stream().filter(r -> r.id().equals(id)).findFirst();
  }

  public Optional<PublicIpAddress> publicIp(ResourceId id) {
    return publicIps().stream().filter(r -> r.id().equals(id)).findFirst();
  }

  /** The private addresses of the NIC IP configurations that are members of ASG {@code id} (maybe none). */
  public IpSet asgMembers(ResourceId id) {
    return asgMemberships().getOrDefault(id, IpSet.empty());
  }

  /** The NSGs on the path of the NIC's primary IP configuration. */
  public NsgPath nsgsOnPath(NetworkInterface nic) {
    return nsgsOnPath(nic, nic.primaryIpConfiguration());
  }

  /** The NSGs on the path of the NIC's IP configuration holding {@code ip} (else the primary one). */
  public NsgPath nsgsOnPath(NetworkInterface nic, IpAddress ip) {
    return nsgsOnPath(nic, nic.ipConfigurationFor(ip).or(nic::primaryIpConfiguration));
  }

  private NsgPath nsgsOnPath(NetworkInterface nic, Optional<IpConfiguration> ipc) {
    // asked once per node: plain code, no capturing lambda (made through a method handle under C1)
    Optional<Subnet> subnet = Optional.empty();
    if (ipc.isPresent() && ipc.get().subnetId().isPresent()) {
      subnet = subnet(ipc.get().subnetId().get());
    }
    if (subnet.isEmpty() && ipc.isPresent() && ipc.get().privateIp().isPresent()) {
      subnet = subnetContaining(ipc.get().privateIp().get());
    }
    Optional<NetworkSecurityGroup> subnetNsg = subnet.isPresent() && subnet.get().nsgId().isPresent()
        ? nsg(subnet.get().nsgId().get()) : Optional.empty();
    Optional<NetworkSecurityGroup> nicNsg = nic.nsgId().isPresent() ? nsg(nic.nsgId().get()) : Optional.empty();
    return new NsgPath(subnet, subnetNsg, nicNsg);
  }

  /** The subnets (of loaded VNets) whose NSG is {@code nsg}. */
  public List<Subnet> subnetsUsing(NetworkSecurityGroup nsg) {
    List<Subnet> out = new ArrayList<>();
    for (Subnet s : subnetIndex().values()) {
      if (s.nsgId().map(nsg.id()::equals).orElse(false)) {
        out.add(s);
      }
    }
    out.sort((a, b) -> a.id().compareTo(b.id()));
    return out;
  }

  /** The NICs whose own NSG is {@code nsg}. */
  public List<NetworkInterface> nicsUsing(NetworkSecurityGroup nsg) {
    List<NetworkInterface> out = new ArrayList<>();
    for (NetworkInterface n : nics()) {
      if (n.nsgId().map(nsg.id()::equals).orElse(false)) {
        out.add(n);
      }
    }
    return out;
  }

  /** The VNets in which {@code nsg} is attached, through a subnet or a NIC (a VNet context for its tags). */
  public List<VirtualNetwork> vnetsUsing(NetworkSecurityGroup nsg) {
    List<VirtualNetwork> out = new ArrayList<>();
    for (Subnet s : subnetsUsing(nsg)) {
      vnetOf(s).filter(v -> !out.contains(v)).ifPresent(out::add);
    }
    for (NetworkInterface n : nicsUsing(nsg)) {
      for (IpConfiguration c : n.ipConfigurations()) {
        c.subnetId().flatMap(this::subnet).flatMap(this::vnetOf).filter(v -> !out.contains(v)).ifPresent(out::add);
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "AzureNetwork[%d vnets, %d nsgs, %d nics, %d route tables, %d asgs, %d lbs,"
            + " %d service tags]", vnets().size(), nsgs().size(), nics().size(), routeTables().size(),
        asgs().size(), loadBalancers().size(), serviceTags().entries().size());
  }
}
