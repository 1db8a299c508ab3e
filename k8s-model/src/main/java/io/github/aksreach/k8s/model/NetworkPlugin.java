package io.github.aksreach.k8s.model;

import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.Parsed;
import io.vavr.control.Validation;
import java.util.Locale;
import java.util.Optional;

/**
 * The AKS network plugin, which decides pod addressing and the source a pod sees (DOMAIN 4.4/4.5).
 *
 * <pre>{@code
 * NetworkPlugin.parse("azure-overlay").orElseThrow();                     // AZURE_OVERLAY (scenario.yaml spelling)
 * NetworkPlugin.fromAks("azure", Optional.of("overlay")).get();   // AZURE_OVERLAY (az aks show networkProfile)
 * NetworkPlugin.KUBENET.podsHaveVnetAddresses();                   // false
 * }</pre>
 */
public enum NetworkPlugin {
  /** kubenet: pods on a per-node CIDR outside the VNet, routed by UDRs; cbr0 bridge. */
  KUBENET("kubenet"),
  /** Azure CNI (node subnet or pod subnet): pods get VNet addresses. */
  AZURE("azure"),
  /** Azure CNI Overlay: pods on a private CIDR, a separate routing domain, NAT to the node IP leaving the cluster. */
  AZURE_OVERLAY("azure-overlay");

  private final String configName;

  NetworkPlugin(String configName) {
    this.configName = configName;
  }

  /** The name used in {@code scenario.yaml}. */
  public String configName() {
    return configName;
  }

  /** Pods are addressable from the VNet (Azure CNI without overlay). */
  public boolean podsHaveVnetAddresses() {
    return this == AZURE;
  }

  /** Parses the {@code scenario.yaml} spelling: {@code kubenet}, {@code azure}, {@code azure-overlay}. */
  public static Parsed<NetworkPlugin> parse(String text) {
    return Parsed.of(parseResult(text));
  }

  private static Validation<ModelError, NetworkPlugin> parseResult(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    for (NetworkPlugin p : values()) {
      if (p.configName.equals(t)) {
        return Validation.valid(p);
      }
    }
    return Validation.invalid(ModelError.of(
        "invalid network plugin '%s': expected kubenet, azure or azure-overlay", text));
  }

  /**
   * From {@code az aks show}'s {@code networkProfile.networkPlugin} and {@code networkPluginMode}
   * ({@code azure} + {@code overlay} is Overlay).
   */
  public static Parsed<NetworkPlugin> fromAks(String networkPlugin, Optional<String> mode) {
    return Parsed.of(fromAksResult(networkPlugin, mode));
  }

  private static Validation<ModelError, NetworkPlugin> fromAksResult(String networkPlugin, Optional<String> mode) {
    String p = networkPlugin == null ? "" : networkPlugin.trim().toLowerCase(Locale.ROOT);
    if (p.equals("kubenet")) {
      return Validation.valid(KUBENET);
    }
    if (p.equals("azure")) {
      return Validation.valid(mode.map(m -> m.trim().equalsIgnoreCase("overlay")).orElse(false)
          ? AZURE_OVERLAY : AZURE);
    }
    return Validation.invalid(ModelError.of(
        "unsupported network plugin '%s': aksreach models kubenet and azure (with or without overlay)",
        networkPlugin));
  }

  @Override
  public String toString() {
    return configName;
  }
}
