package io.github.aksreach.nsg.load;

import io.github.aksreach.core.model.InvalidModelException;
import io.github.aksreach.nsg.model.AddressSpec;
import io.github.aksreach.nsg.model.AksCluster;
import io.github.aksreach.nsg.model.ApplicationSecurityGroup;
import io.github.aksreach.nsg.model.AzureNetwork;
import io.github.aksreach.nsg.model.BackendPool;
import io.github.aksreach.nsg.model.Frontend;
import io.github.aksreach.nsg.model.IpConfiguration;
import io.github.aksreach.nsg.model.LbRule;
import io.github.aksreach.nsg.model.LoadBalancer;
import io.github.aksreach.nsg.model.NetworkInterface;
import io.github.aksreach.nsg.model.NetworkSecurityGroup;
import io.github.aksreach.nsg.model.Provenance;
import io.github.aksreach.nsg.model.PublicIpAddress;
import io.github.aksreach.nsg.model.ResourceId;
import io.github.aksreach.nsg.model.Route;
import io.github.aksreach.nsg.model.RouteTable;
import io.github.aksreach.nsg.model.SecurityRule;
import io.github.aksreach.nsg.model.ServiceTagCatalog;
import io.github.aksreach.nsg.model.ServiceTagEntry;
import io.github.aksreach.nsg.model.Subnet;
import io.github.aksreach.nsg.model.VirtualNetwork;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Joins what every file held into one network: merges duplicates, attaches standalone child resources, merges the
 * associations NSGs and route tables report about themselves, and checks every reference. A reference to a resource
 * of a kind no file holds at all (or a subnet of a VNet that was not loaded) is tolerated with one note per kind;
 * a reference to a missing resource of a loaded kind is an error.
 */
final class Linker {
  private final Collected in;
  private final Problems problems;
  private final Map<String, List<String>> tolerated = new LinkedHashMap<>();

  Linker(Collected in, Problems problems) {
    this.in = in;
    this.problems = problems;
  }

  private static String where(Optional<Provenance> p) {
    return p.map(Provenance::toString).orElse("(built in code)");
  }

  private void tolerate(String message, Optional<Provenance> at) {
    tolerated.computeIfAbsent(message, k -> new ArrayList<>()).add(where(at));
  }

  private void error(Optional<Provenance> at, String message) {
    problems.error(at.map(Provenance::file).orElse(""), at.map(Provenance::path).orElse(""), message);
  }

  private void note(Optional<Provenance> at, String message) {
    problems.note(at.map(Provenance::file).orElse(""), at.map(Provenance::path).orElse(""), message);
  }

  /** Keeps the first of several resources with one id; equal duplicates are noted, different ones are errors. */
  private <T> Map<ResourceId, T> dedupe(List<T> xs, Function<T, ResourceId> id, Function<T, Optional<Provenance>> prov,
                                        String kind) {
    Map<ResourceId, T> m = new LinkedHashMap<>();
    for (T x : xs) {
      T prev = m.putIfAbsent(id.apply(x), x);
      if (prev != null) {
        if (prev.equals(x)) {
          note(prov.apply(x), kind + " " + id.apply(x).name() + " is also defined at " + where(prov.apply(prev))
              + " (identically): loaded once");
        } else {
          error(prov.apply(x), kind + " " + id.apply(x) + " is defined differently at " + where(prov.apply(prev))
              + ": dumps taken at different times?");
        }
      }
    }
    return m;
  }

  /** Ids of resources that had none (ARM template resources), by their path after {@code /providers/}. */
  private final Map<String, ResourceId> synthetic = new HashMap<>();
  private final Set<ResourceId> defined = new HashSet<>();

  private static String providerKey(ResourceId id) {
    String v = id.value().toLowerCase(Locale.ROOT);
    int i = v.indexOf("/providers/");
    return i < 0 ? v : v.substring(i + "/providers/".length());
  }

  private void define(ResourceId id) {
    defined.add(id);
    if (id.value().startsWith("/subscriptions/_/resourceGroups/_/")) {
      synthetic.putIfAbsent(providerKey(id), id);
    }
  }

  /**
   * A reference as loaded: a literal id that names a template resource (which has only a synthetic id) by its type
   * and name is mapped to that resource.
   */
  private ResourceId canon(ResourceId ref) {
    if (defined.contains(ref) || synthetic.isEmpty()) {
      return ref;
    }
    return synthetic.getOrDefault(providerKey(ref), ref);
  }

  private Optional<ResourceId> canon(Optional<ResourceId> ref) {
    return ref.map(this::canon);
  }

  private List<ResourceId> canon(List<ResourceId> refs) {
    List<ResourceId> out = new ArrayList<>();
    refs.forEach(r -> out.add(canon(r)));
    return out;
  }

  private AddressSpec canon(AddressSpec a) {
    return a instanceof AddressSpec.Asgs ? AddressSpec.asgs(canon(((AddressSpec.Asgs) a).ids())) : a;
  }

  private void defineAll() {
    in.nsgs.forEach(d -> define(d.id));
    for (Collected.VnetDraft d : in.vnets) {
      define(d.id);
      d.subnets.forEach(x -> define(x.id()));
    }
    in.orphanSubnets.forEach(o -> define(o.item().id()));
    in.routeTables.forEach(x -> define(x.id()));
    in.asgs.forEach(x -> define(x.id()));
    in.nics.forEach(x -> define(x.id()));
    in.loadBalancers.forEach(x -> define(x.id()));
    in.publicIps.forEach(x -> define(x.id()));
  }

  private Subnet canon(Subnet s) {
    return s.withNsgId(canon(s.nsgId())).withRouteTableId(canon(s.routeTableId()));
  }

  private NetworkInterface canon(NetworkInterface n) {
    List<IpConfiguration> cs = new ArrayList<>();
    for (IpConfiguration c : n.ipConfigurations()) {
      cs.add(c.withSubnetId(canon(c.subnetId())).withAsgIds(canon(c.asgIds())));
    }
    return n.withNsgId(canon(n.nsgId())).withIpConfigurations(cs);
  }

  private SecurityRule canon(SecurityRule r) {
    return r.withSource(canon(r.source())).withDestination(canon(r.destination()));
  }

  AzureNetwork link() {
    defineAll();
    if (!synthetic.isEmpty()) {
      for (Collected.VnetDraft d : in.vnets) {
        d.subnets.replaceAll(this::canon);
      }
      in.orphanSubnets.replaceAll(o -> new Collected.Orphan<>(o.parent(), canon(o.item()), o.isDefault(),
          o.provenance()));
      in.nics.replaceAll(this::canon);
      for (Collected.NsgDraft d : in.nsgs) {
        d.custom.replaceAll(this::canon);
        List<ResourceId> subnetIds = canon(d.subnetIds);
        d.subnetIds.clear();
        d.subnetIds.addAll(subnetIds);
        List<ResourceId> nicIds = canon(d.nicIds);
        d.nicIds.clear();
        d.nicIds.addAll(nicIds);
      }
      in.orphanRules.replaceAll(o -> new Collected.Orphan<>(o.parent(), canon(o.item()), o.isDefault(),
          o.provenance()));
      in.routeTables.replaceAll(t -> t.withSubnetIds(canon(t.subnetIds())));
    }
    ServiceTagCatalog tags = tags();
    Map<ResourceId, NetworkSecurityGroup> nsgs = nsgs();
    Map<ResourceId, Collected.VnetDraft> vnetDrafts = new LinkedHashMap<>();
    for (Collected.VnetDraft d : in.vnets) {
      Collected.VnetDraft prev = vnetDrafts.putIfAbsent(d.id, d);
      if (prev != null) {
        note(Optional.of(d.provenance), "virtual network " + d.name + " is also defined at " + prev.provenance
            + ": the first definition is used, its subnets merged");
        for (Subnet s : d.subnets) {
          if (prev.subnets.stream().noneMatch(x -> x.id().equals(s.id()))) {
            prev.subnets.add(s);
          }
        }
      }
    }
    Map<ResourceId, Subnet> subnets = new LinkedHashMap<>();
    for (Collected.VnetDraft d : vnetDrafts.values()) {
      for (Subnet s : d.subnets) {
        subnets.putIfAbsent(s.id(), s);
      }
    }
    for (Collected.Orphan<Subnet> o : in.orphanSubnets) {
      Collected.VnetDraft parent = vnetDrafts.get(o.parent());
      if (parent == null) {
        error(Optional.of(o.provenance()), "subnet " + o.item().name() + " belongs to virtual network "
            + o.parent() + ", which no loaded file defines: add its az network vnet show output");
        continue;
      }
      Subnet prev = subnets.putIfAbsent(o.item().id(), o.item());
      if (prev == null) {
        parent.subnets.add(o.item());
      } else if (!prev.equals(o.item())) {
        error(Optional.of(o.provenance()), "subnet " + o.item().id() + " is defined differently at "
            + where(prev.provenance()));
      }
    }
    Map<ResourceId, RouteTable> routeTables = dedupe(in.routeTables, RouteTable::id, RouteTable::provenance,
        "route table");
    Map<ResourceId, NetworkInterface> nics = dedupe(in.nics, NetworkInterface::id, NetworkInterface::provenance,
        "network interface");
    Map<ResourceId, ApplicationSecurityGroup> asgs = dedupe(in.asgs, ApplicationSecurityGroup::id,
        ApplicationSecurityGroup::provenance, "application security group");
    Map<ResourceId, PublicIpAddress> pips = dedupe(in.publicIps, PublicIpAddress::id, PublicIpAddress::provenance,
        "public IP address");
    Map<ResourceId, LoadBalancer> lbs = dedupe(in.loadBalancers, LoadBalancer::id, LoadBalancer::provenance,
        "load balancer");
    Set<ResourceId> vnetIds = vnetDrafts.keySet();

    // subnet <-> NSG, subnet <-> route table: the subnet's own reference, merged with what the NSG/table reports
    for (NetworkSecurityGroup n : nsgs.values()) {
      for (ResourceId sid : n.subnetIds()) {
        Subnet s = subnets.get(sid);
        if (s == null) {
          subnetMissing(sid, vnetIds, n.provenance(), "NSG " + n.name() + " lists subnet " + sid.name());
        } else if (s.nsgId().isEmpty()) {
          subnets.put(sid, s.withNsgId(n.id()));
        } else if (!s.nsgId().get().equals(n.id())) {
          error(n.provenance(), "NSG " + n.name() + " lists subnet " + s.name() + ", but the subnet is associated"
              + " with NSG " + s.nsgId().get().name() + " (" + where(s.provenance()) + ")");
        }
      }
    }
    for (RouteTable t : routeTables.values()) {
      for (ResourceId sid : t.subnetIds()) {
        Subnet s = subnets.get(sid);
        if (s == null) {
          subnetMissing(sid, vnetIds, t.provenance(), "route table " + t.name() + " lists subnet " + sid.name());
        } else if (s.routeTableId().isEmpty()) {
          subnets.put(sid, s.withRouteTableId(t.id()));
        } else if (!s.routeTableId().get().equals(t.id())) {
          error(t.provenance(), "route table " + t.name() + " lists subnet " + s.name() + ", but the subnet uses"
              + " route table " + s.routeTableId().get().name() + " (" + where(s.provenance()) + ")");
        }
      }
    }
    for (Subnet s : subnets.values()) {
      // an NSG that was declared but rejected (its own errors are reported) is not a dangling reference
      s.nsgId().ifPresent(id -> refTo(nsgs.containsKey(id) || nsgDrafts.containsKey(id), !nsgDrafts.isEmpty(),
          "network security group", id, s.provenance(), "subnet " + s.name()));
      s.routeTableId().ifPresent(id -> refTo(routeTables.containsKey(id), !routeTables.isEmpty(), "route table", id,
          s.provenance(), "subnet " + s.name()));
    }

    // NIC <-> NSG
    Map<ResourceId, NetworkInterface> nicsOut = new LinkedHashMap<>(nics);
    for (NetworkSecurityGroup n : nsgs.values()) {
      for (ResourceId nid : n.nicIds()) {
        NetworkInterface nic = nicsOut.get(nid);
        if (nic == null) {
          tolerate("NSGs list network interfaces that were not loaded (their attachment is known only from the NSG;"
              + " load az network nic list / az vmss nic list output to evaluate flows at them)", n.provenance());
        } else if (nic.nsgId().isEmpty()) {
          nicsOut.put(nid, nic.withNsgId(n.id()));
        } else if (!nic.nsgId().get().equals(n.id())) {
          error(n.provenance(), "NSG " + n.name() + " lists network interface " + nic.name() + ", but the NIC uses"
              + " NSG " + nic.nsgId().get().name() + " (" + where(nic.provenance()) + ")");
        }
      }
    }
    Map<ResourceId, Set<ResourceId>> poolsByLb = new HashMap<>();
    for (LoadBalancer lb : lbs.values()) {
      Set<ResourceId> ps = new HashSet<>();
      lb.backendPools().forEach(p -> p.id().ifPresent(ps::add));
      poolsByLb.put(lb.id(), ps);
    }
    for (NetworkInterface nic : nicsOut.values()) {
      nic.nsgId().ifPresent(id -> refTo(nsgs.containsKey(id) || nsgDrafts.containsKey(id), !nsgDrafts.isEmpty(),
          "network security group", id, nic.provenance(), "network interface " + nic.name()));
      for (IpConfiguration c : nic.ipConfigurations()) {
        c.subnetId().filter(id -> !subnets.containsKey(id)).ifPresent(id -> subnetMissing(id, vnetIds,
            nic.provenance(), "network interface " + nic.name() + " is in subnet " + id.name()));
        for (ResourceId a : c.asgIds()) {
          asgRef(a, asgs, nic.provenance(), "network interface " + nic.name());
        }
        for (ResourceId pool : c.backendPoolIds()) {
          poolRef(pool, poolsByLb, nic.provenance(), "network interface " + nic.name());
        }
      }
    }

    // rules and routes: tags and ASGs
    for (Collected.NsgDraft n : nsgDrafts.values()) {
      List<SecurityRule> all = new ArrayList<>(n.custom);
      all.addAll(n.defaults);
      for (SecurityRule r : all) {
        checkAddress(r.source(), "source", tags, asgs, r, n.name);
        checkAddress(r.destination(), "destination", tags, asgs, r, n.name);
      }
    }
    for (RouteTable t : routeTables.values()) {
      for (Route r : t.routes()) {
        if (r.destination() instanceof AddressSpec.ServiceTag
            && !tags.knows(((AddressSpec.ServiceTag) r.destination()).name())) {
          error(r.provenance(), "route " + r.name() + ": " + tags.resolve(
              ((AddressSpec.ServiceTag) r.destination()).name(), io.github.aksreach.core.model.IpSet.empty())
              .getError().message());
        }
      }
    }

    // load balancers
    List<LoadBalancer> lbsOut = new ArrayList<>();
    for (LoadBalancer lb : lbs.values()) {
      lbsOut.add(checkLoadBalancer(lb, pips, subnets, vnetIds));
    }

    // clusters
    for (AksCluster c : in.clusters) {
      c.agentPools().forEach(p -> p.vnetSubnetId().filter(id -> !subnets.containsKey(id)).ifPresent(id ->
          subnetMissing(id, vnetIds, c.provenance(), "agent pool " + p.name() + " uses subnet " + id.name())));
    }
    if (in.clusters.size() > 1) {
      note(in.clusters.get(1).provenance(), "several az aks show outputs: the first (" + in.clusters.get(0).name()
          + ") is the cluster");
    }

    for (Map.Entry<String, List<String>> e : tolerated.entrySet()) {
      List<String> at = e.getValue();
      problems.note("", "", e.getKey() + ": " + at.size() + " reference(s), first at " + at.get(0));
    }

    List<VirtualNetwork> vnets = new ArrayList<>();
    for (Collected.VnetDraft d : vnetDrafts.values()) {
      List<Subnet> ss = new ArrayList<>();
      for (Subnet s : d.subnets) {
        ss.add(subnets.get(s.id()));
      }
      vnets.add(VirtualNetwork.builder().id(d.id).name(d.name).addAllAddressPrefixes(d.prefixes).addAllSubnets(ss)
          .addAllPeeredPrefixes(d.peered).provenance(d.provenance).build());
    }
    return AzureNetwork.builder().addAllVnets(vnets).addAllNsgs(nsgs.values()).addAllNics(nicsOut.values())
        .addAllRouteTables(routeTables.values()).addAllAsgs(asgs.values()).addAllLoadBalancers(lbsOut)
        .addAllPublicIps(pips.values()).serviceTags(tags).build();
  }

  Optional<AksCluster> cluster() {
    return in.clusters.stream().findFirst();
  }

  private void subnetMissing(ResourceId subnet, Set<ResourceId> vnetIds, Optional<Provenance> at, String what) {
    Optional<ResourceId> vnet = subnet.parent();
    if (vnet.isPresent() && vnetIds.contains(vnet.get())) {
      error(at, what + ", but virtual network " + vnet.get().name() + " has no such subnet");
    } else {
      tolerate("subnets of virtual networks that were not loaded are referenced (add az network vnet show output"
          + " to place them)", at);
    }
  }

  private void refTo(boolean found, boolean kindLoaded, String kind, ResourceId id, Optional<Provenance> at,
                     String what) {
    if (found) {
      return;
    }
    if (kindLoaded) {
      error(at, what + " references " + kind + " " + id + ", which no loaded file defines");
    } else {
      tolerate(kind + "s are referenced but none was loaded", at);
    }
  }

  private void asgRef(ResourceId a, Map<ResourceId, ApplicationSecurityGroup> asgs, Optional<Provenance> at,
                      String what) {
    if (asgs.containsKey(a)) {
      return;
    }
    if (!asgs.isEmpty()) {
      error(at, what + " references application security group " + a + ", which no loaded file defines");
    } else {
      tolerate("application security groups are referenced but none was loaded (members are taken from the"
          + " loaded NICs)", at);
    }
  }

  private void poolRef(ResourceId pool, Map<ResourceId, Set<ResourceId>> poolsByLb, Optional<Provenance> at,
                       String what) {
    Optional<ResourceId> lb = pool.parent();
    if (lb.isPresent() && poolsByLb.containsKey(lb.get())) {
      if (!poolsByLb.get(lb.get()).contains(pool)) {
        error(at, what + " is in backend pool " + pool.name() + ", but load balancer " + lb.get().name()
            + " has no such pool");
      }
      return;
    }
    tolerate("load-balancer backend pools are referenced but their load balancer was not loaded (rules and probes"
        + " must be derived from the Services)", at);
  }

  private void checkAddress(AddressSpec a, String side, ServiceTagCatalog tags,
                            Map<ResourceId, ApplicationSecurityGroup> asgs, SecurityRule r, String nsg) {
    if (a instanceof AddressSpec.ServiceTag) {
      String tag = ((AddressSpec.ServiceTag) a).name();
      if (!tags.knows(tag)) {
        error(r.provenance(), "NSG " + nsg + " rule " + r.name() + " " + side + ": "
            + tags.resolve(tag, io.github.aksreach.core.model.IpSet.empty()).getError().message());
      }
    } else if (a instanceof AddressSpec.Asgs) {
      for (ResourceId id : ((AddressSpec.Asgs) a).ids()) {
        asgRef(id, asgs, r.provenance(), "NSG " + nsg + " rule " + r.name() + " " + side);
      }
    }
  }

  private LoadBalancer checkLoadBalancer(LoadBalancer lb, Map<ResourceId, PublicIpAddress> pips,
                                         Map<ResourceId, Subnet> subnets, Set<ResourceId> vnetIds) {
    List<Frontend> fes = new ArrayList<>();
    for (Frontend f : lb.frontends()) {
      Frontend x = f;
      if (f.publicIpId().isPresent()) {
        PublicIpAddress pip = pips.get(f.publicIpId().get());
        if (pip != null && pip.ipAddress().isPresent()) {
          x = f.withPublicIp(pip.ipAddress().get());
        } else if (pip == null) {
          tolerate("public IP addresses of load-balancer frontends were not loaded (az network public-ip list)",
              lb.provenance());
        }
      }
      f.subnetId().filter(id -> !subnets.containsKey(id)).ifPresent(id -> subnetMissing(id, vnetIds,
          lb.provenance(), "load balancer " + lb.name() + " frontend " + f.name() + " is in subnet " + id.name()));
      fes.add(x);
    }
    Set<ResourceId> feIds = new HashSet<>();
    lb.frontends().forEach(f -> f.id().ifPresent(feIds::add));
    Set<ResourceId> probeIds = new HashSet<>();
    lb.probes().forEach(p -> p.id().ifPresent(probeIds::add));
    Set<ResourceId> poolIds = new HashSet<>();
    lb.backendPools().forEach(p -> p.id().ifPresent(poolIds::add));
    for (LbRule r : lb.rules()) {
      if (!feIds.contains(r.frontendId())) {
        error(lb.provenance(), "load balancer " + lb.name() + " rule " + r.name() + " uses frontend "
            + r.frontendId().name() + ", which the load balancer does not have");
      }
      r.probeId().filter(p -> !probeIds.contains(p)).ifPresent(p -> error(lb.provenance(), "load balancer "
          + lb.name() + " rule " + r.name() + " uses probe " + p.name() + ", which the load balancer does not have"));
      for (ResourceId p : r.backendPoolIds()) {
        if (!poolIds.contains(p)) {
          error(lb.provenance(), "load balancer " + lb.name() + " rule " + r.name() + " uses backend pool "
              + p.name() + ", which the load balancer does not have");
        }
      }
    }
    return lb.withFrontends(fes);
  }

  private ServiceTagCatalog tags() {
    Map<String, ServiceTagEntry> byName = new LinkedHashMap<>();
    Optional<String> cloud = Optional.empty();
    Optional<Long> change = Optional.empty();
    for (Collected.TagFile f : in.tagFiles) {
      if (cloud.isPresent() && f.cloud().isPresent() && !cloud.get().equalsIgnoreCase(f.cloud().get())) {
        problems.note(f.file(), "$.cloud", "service tags of cloud " + f.cloud().get() + " loaded together with cloud "
            + cloud.get());
      }
      cloud = cloud.or(f::cloud);
      change = change.or(f::changeNumber);
      for (ServiceTagEntry e : f.entries()) {
        String key = e.name().toLowerCase(Locale.ROOT);
        ServiceTagEntry prev = byName.putIfAbsent(key, e);
        if (prev != null && !prev.addresses().equals(e.addresses())) {
          error(e.provenance(), "service tag " + e.name() + " is defined differently at " + where(prev.provenance())
              + ": load one ServiceTags file per cloud");
        }
      }
    }
    return ServiceTagCatalog.builder().addAllEntries(byName.values()).cloud(cloud).changeNumber(change).build();
  }

  private final Map<ResourceId, Collected.NsgDraft> nsgDrafts = new LinkedHashMap<>();

  private Map<ResourceId, NetworkSecurityGroup> nsgs() {
    Map<ResourceId, Collected.NsgDraft> drafts = nsgDrafts;
    for (Collected.NsgDraft d : in.nsgs) {
      Collected.NsgDraft prev = drafts.putIfAbsent(d.id, d);
      if (prev != null) {
        problems.note(d.provenance.file(), d.provenance.path(), "NSG " + d.name + " is also defined at "
            + prev.provenance + ": the first definition is used");
        if (!sameRules(prev, d)) {
          problems.error(d.provenance.file(), d.provenance.path(), "NSG " + d.name + " has different rules at "
              + prev.provenance + ": dumps taken at different times?");
        }
      }
    }
    for (Collected.Orphan<SecurityRule> o : in.orphanRules) {
      Collected.NsgDraft d = drafts.get(o.parent());
      if (d == null && !o.parent().value().startsWith("/subscriptions/_/")) {
        // az network nsg rule list [--include-default]: the rules carry their NSG's id, the NSG comes from them
        d = new Collected.NsgDraft();
        d.id = o.parent();
        d.name = o.parent().name();
        d.provenance = o.provenance();
        drafts.put(d.id, d);
        problems.note(o.provenance().file(), o.provenance().path(), "NSG " + d.name + " built from its rules (az"
            + " network nsg rule list): no loaded file defines the NSG itself; its subnets and NICs name it");
      } else if (d == null) {
        problems.error(o.provenance().file(), o.provenance().path(), "security rule " + o.item().name()
            + " belongs to NSG " + o.parent().name() + ", which no loaded file defines");
        continue;
      }
      List<SecurityRule> target = o.isDefault() ? d.defaults : d.custom;
      if (target.stream().noneMatch(r -> r.name().equalsIgnoreCase(o.item().name()))) {
        target.add(o.item());
      } else if (!target.contains(o.item())) {
        problems.error(o.provenance().file(), o.provenance().path(), "security rule " + o.item().name() + " of NSG "
            + d.name + " is defined differently in the NSG");
      }
    }
    Map<ResourceId, NetworkSecurityGroup> out = new LinkedHashMap<>();
    for (Collected.NsgDraft d : drafts.values()) {
      boolean ok = checkRules(d);
      if (!ok) {
        continue;
      }
      try {
        out.put(d.id, NetworkSecurityGroup.builder().id(d.id).name(d.name).addAllCustomRules(d.custom)
            .addAllDefaultRules(d.defaults).addAllSubnetIds(d.subnetIds).addAllNicIds(d.nicIds)
            .flushConnection(d.flush).provenance(d.provenance).build());
      } catch (InvalidModelException e) {
        problems.error(d.provenance.file(), d.provenance.path(), e.getMessage());
      }
    }
    return out;
  }

  private static boolean sameRules(Collected.NsgDraft a, Collected.NsgDraft b) {
    return new HashSet<>(a.custom).equals(new HashSet<>(b.custom));
  }

  /**
   * Duplicate priorities per direction and duplicate names: errors naming both rules. Names are unique within each
   * collection: custom rules ({@code .../securityRules/X}) and default rules ({@code .../defaultSecurityRules/X}) are
   * separate collections, so a custom rule may bear a default rule's name (Microsoft's AKS baseline has a custom
   * {@code DenyAllInBound} at 1000); both are evaluated by priority, the default rules at 65000 and above.
   */
  private boolean checkRules(Collected.NsgDraft d) {
    boolean ok = true;
    Map<String, SecurityRule> byPrio = new HashMap<>();
    Map<String, SecurityRule> byName = new HashMap<>();
    List<SecurityRule> all = new ArrayList<>(d.custom);
    all.addAll(d.defaults);
    for (SecurityRule r : all) {
      SecurityRule other = byPrio.putIfAbsent(r.direction() + "/" + r.priority(), r);
      if (other != null) {
        ok = false;
        error(r.provenance(), "NSG " + d.name + ": rules " + other.name() + " and " + r.name() + " both have "
            + r.direction().azureName().toLowerCase(Locale.ROOT) + " priority " + r.priority()
            + " (priorities must be unique per direction; the other is at " + where(other.provenance()) + ")");
      }
      SecurityRule sameName = byName.putIfAbsent((r.isDefault() ? "default/" : "custom/")
          + r.name().toLowerCase(Locale.ROOT), r);
      if (sameName != null) {
        ok = false;
        error(r.provenance(), "NSG " + d.name + ": two " + (r.isDefault() ? "default" : "custom")
            + " rules are named " + r.name() + " (the other is at "
            + where(sameName.provenance()) + ")");
      }
    }
    return ok;
  }
}
