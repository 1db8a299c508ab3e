package io.github.aksreach.nsg.load;

import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.nsg.model.AksCluster;
import io.github.aksreach.nsg.model.ApplicationSecurityGroup;
import io.github.aksreach.nsg.model.LoadBalancer;
import io.github.aksreach.nsg.model.NetworkInterface;
import io.github.aksreach.nsg.model.Provenance;
import io.github.aksreach.nsg.model.PublicIpAddress;
import io.github.aksreach.nsg.model.ResourceId;
import io.github.aksreach.nsg.model.RouteTable;
import io.github.aksreach.nsg.model.SecurityRule;
import io.github.aksreach.nsg.model.ServiceTagEntry;
import io.github.aksreach.nsg.model.Subnet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the parser read from every file, before the files are joined. */
final class Collected {
  static final class NsgDraft {
    ResourceId id;
    String name;
    final List<SecurityRule> custom = new ArrayList<>();
    final List<SecurityRule> defaults = new ArrayList<>();
    final List<ResourceId> subnetIds = new ArrayList<>();
    final List<ResourceId> nicIds = new ArrayList<>();
    Optional<Boolean> flush = Optional.empty();
    Provenance provenance;
  }

  static final class VnetDraft {
    ResourceId id;
    String name;
    final List<IpPrefix> prefixes = new ArrayList<>();
    final List<Subnet> subnets = new ArrayList<>();
    final List<IpPrefix> peered = new ArrayList<>();
    Provenance provenance;
  }

  /** A child resource read on its own (az ... subnet list, az ... nsg rule list, template child resources). */
  record Orphan<T>(ResourceId parent, T item, boolean isDefault, Provenance provenance) {}

  /** A service tags file. */
  record TagFile(String file, Optional<String> cloud, Optional<Long> changeNumber, List<ServiceTagEntry> entries) {}

  final List<VnetDraft> vnets = new ArrayList<>();
  final List<Orphan<Subnet>> orphanSubnets = new ArrayList<>();
  final List<NsgDraft> nsgs = new ArrayList<>();
  final List<Orphan<SecurityRule>> orphanRules = new ArrayList<>();
  final List<NetworkInterface> nics = new ArrayList<>();
  final List<RouteTable> routeTables = new ArrayList<>();
  final List<ApplicationSecurityGroup> asgs = new ArrayList<>();
  final List<LoadBalancer> loadBalancers = new ArrayList<>();
  final List<PublicIpAddress> publicIps = new ArrayList<>();
  final List<AksCluster> clusters = new ArrayList<>();
  final List<TagFile> tagFiles = new ArrayList<>();

  /** The inventory each file added, by file name. */
  final java.util.Map<String, Inventory> byFile = new java.util.LinkedHashMap<>();

  // structural counts, kept even when parsing fails
  int files;
  int vnetCount;
  int subnetCount;
  int nsgCount;
  int customRuleCount;
  int defaultRuleCount;
  int nicCount;
  int routeTableCount;
  int routeCount;
  int asgCount;
  int lbCount;
  int pipCount;
  int clusterCount;
  int tagCount;
  int tagPrefixCount;
  int skippedCount;
  int lbRuleCount;
  int probeCount;
  int appGatewayCount;
  int firewallCount;
  int effectiveNsgCount;
  int effectiveRuleCount;

  /**
   * Adds what {@code staged} read (a list read element by element, kept once it proved to be one) after what this
   * one holds; {@link #byFile} is the caller's.
   */
  void absorb(Collected staged) {
    vnets.addAll(staged.vnets);
    orphanSubnets.addAll(staged.orphanSubnets);
    nsgs.addAll(staged.nsgs);
    orphanRules.addAll(staged.orphanRules);
    nics.addAll(staged.nics);
    routeTables.addAll(staged.routeTables);
    asgs.addAll(staged.asgs);
    loadBalancers.addAll(staged.loadBalancers);
    publicIps.addAll(staged.publicIps);
    clusters.addAll(staged.clusters);
    tagFiles.addAll(staged.tagFiles);
    files += staged.files;
    vnetCount += staged.vnetCount;
    subnetCount += staged.subnetCount;
    nsgCount += staged.nsgCount;
    customRuleCount += staged.customRuleCount;
    defaultRuleCount += staged.defaultRuleCount;
    nicCount += staged.nicCount;
    routeTableCount += staged.routeTableCount;
    routeCount += staged.routeCount;
    asgCount += staged.asgCount;
    lbCount += staged.lbCount;
    pipCount += staged.pipCount;
    clusterCount += staged.clusterCount;
    tagCount += staged.tagCount;
    tagPrefixCount += staged.tagPrefixCount;
    skippedCount += staged.skippedCount;
    lbRuleCount += staged.lbRuleCount;
    probeCount += staged.probeCount;
    appGatewayCount += staged.appGatewayCount;
    firewallCount += staged.firewallCount;
    effectiveNsgCount += staged.effectiveNsgCount;
    effectiveRuleCount += staged.effectiveRuleCount;
  }

  Inventory inventory() {
    return new Inventory(files, vnetCount, subnetCount, nsgCount, customRuleCount, defaultRuleCount, nicCount,
        routeTableCount, routeCount, asgCount, lbCount, lbRuleCount, probeCount, pipCount, clusterCount, tagCount,
        tagPrefixCount, appGatewayCount, firewallCount, effectiveNsgCount, effectiveRuleCount, skippedCount);
  }
}
