package io.github.aksreach.azure;

import com.azure.json.JsonSerializable;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.Validated;
import io.github.aksreach.k8s.cluster.ScenarioSources;
import io.vavr.collection.Vector;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A scenario's Azure half from Azure SDK model objects you hold: the resource-manager inner models
 * ({@code NetworkSecurityGroupInner}, {@code NetworkInterfaceInner}, {@code VirtualNetworkInner},
 * {@code RouteTableInner}, {@code LoadBalancerInner}, {@code PublicIpAddressInner}, {@code ManagedClusterInner}, ...;
 * a fluent object's {@code innerModel()}), or any other {@link JsonSerializable} that writes ARM JSON. Nothing is
 * parsed twice by hand: each object writes itself with its own {@code toJson}, the text is named
 * {@code azure-sdk:<resource id>}, and it is read by the same loader as a scenario's {@code azure/} folder, so every
 * validation and note of {@code load} applies and each message names the object and the JSON path
 * ({@code azure-sdk:/subscriptions/.../networkSecurityGroups/nsg-a: properties.securityRules[0].properties.priority:
 * ...}).
 *
 * <pre>{@code
 * NetworkManagementClient network = azure.networks().manager().serviceClient();
 * List<JsonSerializable<?>> models = new ArrayList<>();
 * network.getNetworkSecurityGroups().listByResourceGroup("rg-aks").forEach(models::add);
 * network.getVirtualNetworks().listByResourceGroup("rg-aks").forEach(models::add);
 * network.getNetworkInterfaces().listVirtualMachineScaleSetNetworkInterfaces("MC_rg", "aks-np-vmss")
 *     .forEach(models::add);
 * ManagedClusterInner aks = azure.kubernetesClusters().getByResourceGroup("rg-aks", "aks").innerModel();
 *
 * ScenarioSources az = AzureSdkScenario.ofResources("prod", List.of(
 *         AzureSdkScenario.Resource.of(aks.id(), aks)))           // its toJson writes no id: give it beside
 *     .orElseThrow()
 *     .plus(AzureSdkScenario.of("prod", models).orElseThrow());   // bad objects: every problem, each named
 * AksReachability a = AksReachability.load(Fabric8Scenario.from(kubernetesClient).orElseThrow().plus(az))
 *     .orElseThrow();
 * }</pre>
 *
 * <p>What {@code toJson} writes is the request body of a PUT: fields the service sets are left out. The loader needs
 * three of them, which the resource id determines, so they are put back: {@code name} (the id's last segment),
 * {@code type} (from the id; a scale set VM's NIC is {@code Microsoft.Network/networkInterfaces}) and an NSG's
 * {@code defaultSecurityRules} (Azure's six default rules, the same in every NSG; a note in
 * {@link ScenarioSources#notes()} says so for each NSG). Other read-only fields are not needed for an answer: a
 * subnet's, NSG's or route table's back-references (the loader links NICs and subnets from the side that holds the
 * reference), a NIC's MAC address and VM, provisioning states, etags. A model whose {@code toJson} writes no
 * {@code id} ({@code ManagedClusterInner}'s id is read-only) is refused unless the id is given beside it
 * ({@link Resource#of(String, JsonSerializable)}).
 *
 * <p>This module depends on {@code azure-json} only (the serialisation contract of the Azure SDK); the SDK itself
 * comes with your application. This class keeps no state and is safe to call from any thread.
 */
public final class AzureSdkScenario {
  /** The prefix of every name this adapter gives a text. */
  public static final String PREFIX = "azure-sdk:";

  private AzureSdkScenario() {}

  /**
   * An Azure SDK model object, with its resource id when the object does not write one.
   *
   * <pre>{@code
   * AzureSdkScenario.Resource.of(nsgInner);                       // writes its own id
   * AzureSdkScenario.Resource.of(cluster.id(), cluster.innerModel());   // ManagedClusterInner writes none
   * }</pre>
   *
   * @param id the ARM resource id, if the object's JSON has none (or to state it: it must then be the same)
   * @param model the object
   */
  public record Resource(Optional<String> id, JsonSerializable<?> model) {
    public Resource {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(model, "model");
    }

    /** An object that writes its own {@code id}. */
    public static Resource of(JsonSerializable<?> model) {
      return new Resource(Optional.empty(), model);
    }

    /** An object with its ARM resource id. */
    public static Resource of(String id, JsonSerializable<?> model) {
      return new Resource(Optional.of(id), model);
    }
  }

  /**
   * The Azure texts of {@code models}, in order, under the display name {@code name}: a list, or a page iterable
   * the SDK returns ({@code PagedIterable<NetworkSecurityGroupInner>} is an {@code Iterable}). Every object that
   * cannot be written, or writes no usable resource id, is an error naming it ({@code azure-sdk:<Class>#<index>}
   * when it has no id); none is dropped.
   */
  public static Validated<ScenarioSources> of(String name, Iterable<? extends JsonSerializable<?>> models) {
    List<Resource> resources = new ArrayList<>();
    for (JsonSerializable<?> m : models) {
      resources.add(m == null ? null : Resource.of(m));
    }
    return ofResources(name, resources);
  }

  /** {@link #of(String, Iterable)} for objects given with their ids where they write none. */
  public static Validated<ScenarioSources> ofResources(String name, Iterable<Resource> resources) {
    List<ScenarioSources.Text> texts = new ArrayList<>();
    List<ModelError> notes = new ArrayList<>();
    List<ModelError> errors = new ArrayList<>();
    int i = 0;
    for (Resource r : resources) {
      String fallback = PREFIX + (r == null ? "null" : r.model().getClass().getSimpleName()) + "#" + i++;
      if (r == null) {
        errors.add(new ModelError(fallback, "", "null instead of an Azure SDK model object"));
        continue;
      }
      try {
        SdkJson.Converted c = SdkJson.convert(PREFIX, fallback, r.model(), r.id());
        texts.add(new ScenarioSources.Text(c.name(), c.json()));
        c.note().ifPresent(notes::add);
      } catch (SdkJson.Refused e) {
        errors.add(e.error);
      } catch (IOException | RuntimeException e) {
        errors.add(new ModelError(r.id().map(id -> PREFIX + id).orElse(fallback), "",
            "the object cannot be written as JSON (" + r.model().getClass().getName() + ".toJson): " + e));
      }
    }
    return errors.isEmpty() ? Validated.valid(ScenarioSources.named(name).plusAzure(texts).plusNotes(notes))
        : Validated.invalid(Vector.ofAll(errors));
  }
}
