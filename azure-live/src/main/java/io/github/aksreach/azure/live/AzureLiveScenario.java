package io.github.aksreach.azure.live;

import com.azure.json.JsonSerializable;
import com.azure.resourcemanager.containerservice.ContainerServiceManager;
import com.azure.resourcemanager.containerservice.fluent.models.ManagedClusterInner;
import com.azure.resourcemanager.containerservice.models.ManagedClusterAgentPoolProfile;
import com.azure.resourcemanager.network.NetworkManager;
import io.github.aksreach.azure.AzureSdkScenario;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.Validated;
import io.github.aksreach.k8s.cluster.ScenarioSources;
import io.vavr.collection.Vector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scenario's Azure half listed live through the Azure SDK's resource-manager clients: the network resources of an
 * AKS cluster (or of resource groups you name), read through the same path as {@link AzureSdkScenario} (each inner
 * model's own JSON, named {@code azure-sdk:<resource id>}, read by the loader of a scenario's {@code azure/} folder),
 * so every message names the resource it is about. Pair it with the Kubernetes half ({@code aksreach-fabric8}'s
 * {@code Fabric8Scenario.from(client)}) to load a whole scenario:
 *
 * <pre>{@code
 * AzureProfile profile = new AzureProfile(AzureEnvironment.AZURE);        // AZURE_SUBSCRIPTION_ID, AZURE_TENANT_ID
 * TokenCredential credential = new DefaultAzureCredentialBuilder().build();   // azure-identity, in your application
 * Validated<ScenarioSources> azure = AzureLiveScenario.ofCluster(
 *     ContainerServiceManager.authenticate(credential, profile), NetworkManager.authenticate(credential, profile),
 *     "rg-aks", "aks-lab");
 * try (KubernetesClient k8s = new KubernetesClientBuilder().build()) {
 *   AksReachability a = AksReachability.load(
 *       AzureLiveScenario.paired(Fabric8Scenario.from(k8s), azure).orElseThrow()).orElseThrow();
 *   a.check(Flow.tcp("192.168.1.4:50326", "192.168.0.22:80")).verdict().kind();
 * }
 * }</pre>
 *
 * <p>What is listed ({@link #ofResourceGroups}): in each resource group the network security groups, virtual
 * networks (with their subnets), route tables, load balancers, public IP addresses and network interfaces, then the
 * network interfaces of every scale set that a subnet or a backend pool refers to (a scale set VM's NIC is in no
 * resource group's list), then, by id, every such resource a listed one refers to that no list held (a subnet's NSG
 * in another resource group, a VM's NIC a subnet lists), as {@code collect} does. {@link #ofCluster} reads the managed cluster first and lists its resource group, its node
 * resource group and the resource groups of its agent pools' subnets (a VNet brought by the user).
 *
 * <p>Nothing fails by exception: a list the service refuses (HTTP 403, 404), a body that cannot be read or a
 * connection that fails is an error naming the list ({@code azure-sdk:/subscriptions/<s>/resourceGroups/<rg>/
 * providers/Microsoft.Network/networkSecurityGroups: cannot list: HTTP 403 AuthorizationFailed: ...}); every list is
 * tried and every error returned, and no list is kept half-read. Pages are followed to the end ({@code nextLink}).
 * The calls are blocking, made on the calling thread; this class keeps no state.
 */
public final class AzureLiveScenario {
  private static final Pattern GROUP = Pattern.compile("(?i)^/subscriptions/[^/]+/resourceGroups/([^/]+)/");

  private AzureLiveScenario() {}

  /**
   * The network resources of {@code resourceGroups} (see the class comment), under the display name
   * {@code azure-sdk:<subscription>}.
   */
  public static Validated<ScenarioSources> ofResourceGroups(NetworkManager network, List<String> resourceGroups) {
    Objects.requireNonNull(network, "network");
    ArmLister lister = new ArmLister(network.serviceClient(), network.subscriptionId());
    distinct(resourceGroups).forEach(lister::listGroup);
    lister.complete();
    return build(AzureSdkScenario.PREFIX + network.subscriptionId(), lister, List.of());
  }

  /** The network resources of the whole subscription {@code network} is for. */
  public static Validated<ScenarioSources> ofSubscription(NetworkManager network) {
    Objects.requireNonNull(network, "network");
    ArmLister lister = new ArmLister(network.serviceClient(), network.subscriptionId());
    lister.listGroup(null);
    lister.complete();
    return build(AzureSdkScenario.PREFIX + network.subscriptionId(), lister, List.of());
  }

  /**
   * The managed cluster {@code resourceGroup/clusterName} and the network resources of its resource group, its node
   * resource group and its agent pools' subnets' resource groups, under the display name {@code clusterName}. A
   * cluster that cannot be read is an error naming it; nothing else is then listed.
   */
  public static Validated<ScenarioSources> ofCluster(ContainerServiceManager aks, NetworkManager network,
      String resourceGroup, String clusterName) {
    Objects.requireNonNull(aks, "aks");
    Objects.requireNonNull(network, "network");
    String id = "/subscriptions/" + aks.subscriptionId() + "/resourceGroups/" + resourceGroup
        + "/providers/Microsoft.ContainerService/managedClusters/" + clusterName;
    if (!aks.subscriptionId().equalsIgnoreCase(network.subscriptionId())) {
      return Validated.invalid(Vector.of(new ModelError(AzureSdkScenario.PREFIX + id, "", "the network client is for"
          + " subscription " + network.subscriptionId() + ", the cluster's is " + aks.subscriptionId())));
    }
    ManagedClusterInner cluster;
    try {
      cluster = aks.serviceClient().getManagedClusters().getByResourceGroup(resourceGroup, clusterName);
    } catch (RuntimeException e) {
      return Validated.invalid(Vector.of(new ModelError(AzureSdkScenario.PREFIX + id, "", "cannot read the managed"
          + " cluster: " + ArmLister.describe(e))));
    }
    if (cluster.id() != null && !cluster.id().isBlank()) {
      id = cluster.id();
    }
    List<String> groups = new ArrayList<>(List.of(resourceGroup));
    List<ModelError> notes = new ArrayList<>();
    if (cluster.nodeResourceGroup() == null || cluster.nodeResourceGroup().isBlank()) {
      notes.add(new ModelError(AzureSdkScenario.PREFIX + id, "properties.nodeResourceGroup", "warning: the cluster "
          + "names no node resource group: its load balancers, node NICs and NSG are not listed"));
    } else {
      groups.add(cluster.nodeResourceGroup());
    }
    for (ManagedClusterAgentPoolProfile pool : cluster.agentPoolProfiles() == null
        ? List.<ManagedClusterAgentPoolProfile>of() : cluster.agentPoolProfiles()) {
      if (pool.vnetSubnetId() != null) {
        Matcher m = GROUP.matcher(pool.vnetSubnetId());
        if (m.find()) {
          groups.add(m.group(1));
        }
      }
    }
    ArmLister lister = new ArmLister(network.serviceClient(), network.subscriptionId());
    distinct(groups).forEach(lister::listGroup);
    lister.complete();
    return build(clusterName, lister, List.of(AzureSdkScenario.Resource.of(id, cluster)), notes);
  }

  /**
   * The two halves of a scenario as one: the Kubernetes half (for example {@code Fabric8Scenario.from(client)}) and
   * the Azure half (one of the methods above), under the Kubernetes half's name. Invalid when either is, with the
   * errors of both.
   */
  public static Validated<ScenarioSources> paired(Validated<ScenarioSources> kubernetes,
      Validated<ScenarioSources> azure) {
    if (kubernetes.isValid() && azure.isValid()) {
      return Validated.valid(kubernetes.get().plus(azure.get()));
    }
    Vector<ModelError> errors = Vector.empty();
    if (kubernetes.isInvalid()) {
      errors = errors.appendAll(kubernetes.getError());
    }
    if (azure.isInvalid()) {
      errors = errors.appendAll(azure.getError());
    }
    return Validated.invalid(errors);
  }

  private static Validated<ScenarioSources> build(String name, ArmLister lister, List<ModelError> notes) {
    return build(name, lister, List.of(), notes);
  }

  private static Validated<ScenarioSources> build(String name, ArmLister lister, List<AzureSdkScenario.Resource> first,
      List<ModelError> notes) {
    List<AzureSdkScenario.Resource> resources = new ArrayList<>(first);
    for (JsonSerializable<?> o : lister.objects()) {
      resources.add(AzureSdkScenario.Resource.of(o));
    }
    Validated<ScenarioSources> converted = AzureSdkScenario.ofResources(name, resources);
    if (lister.errors.isEmpty()) {
      return converted.map(s -> s.plusNotes(notes).plusNotes(lister.notes));
    }
    Vector<ModelError> errors = Vector.ofAll(lister.errors);
    return Validated.invalid(converted.isInvalid() ? errors.appendAll(converted.getError()) : errors);
  }

  private static List<String> distinct(List<String> groups) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String g : groups) {
      Objects.requireNonNull(g, "resource group");
      out.putIfAbsent(g.toLowerCase(Locale.ROOT), g);
    }
    return new ArrayList<>(out.values());
  }
}
