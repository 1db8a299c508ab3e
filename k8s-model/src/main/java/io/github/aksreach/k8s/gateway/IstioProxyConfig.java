package io.github.aksreach.k8s.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.Parsed;
import io.github.aksreach.k8s.model.Pod;
import io.vavr.control.Validation;
import java.util.Map;

/**
 * {@code gatewayTopology.numTrustedProxies} of an Istio gateway pod (S5.11): from the pod annotation
 * {@value #ANNOTATION} (YAML or JSON), else the mesh default ({@link GatewayOptions#meshNumTrustedProxies()}).
 *
 * <pre>{@code
 * // pod annotation proxy.istio.io/config: '{"gatewayTopology":{"numTrustedProxies":1}}'
 * IstioProxyConfig.numTrustedProxies(pod.annotations(), "approuting-istio".equals(cls), options);   // Valid(1)
 * }</pre>
 */
public final class IstioProxyConfig {
  /** The pod annotation carrying ProxyConfig overrides. */
  public static final String ANNOTATION = "proxy.istio.io/config";
  private static final YAMLMapper YAML = new YAMLMapper();

  private IstioProxyConfig() {}

  /** The number of trusted proxies for a pod with these annotations; the pod's own value wins over the mesh's. */
  public static Parsed<Integer> numTrustedProxies(Map<String, String> podAnnotations,
      boolean appRouting, GatewayOptions options) {
    return Parsed.of(numTrustedProxiesResult(podAnnotations, appRouting, options));
  }

  private static Validation<ModelError, Integer> numTrustedProxiesResult(Map<String, String> podAnnotations,
      boolean appRouting, GatewayOptions options) {
    String text = podAnnotations.get(ANNOTATION);
    if (text == null || (appRouting && !options.proxyConfigHonouredOnAppRouting())) {
      return Validation.valid(options.meshNumTrustedProxies());
    }
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      return Validation.invalid(new ModelError("", "metadata.annotations[\"" + ANNOTATION + "\"]",
          "not YAML or JSON: " + e.getOriginalMessage()));
    }
    JsonNode n = root == null ? null : root.path("gatewayTopology").path("numTrustedProxies");
    if (n == null || n.isMissingNode() || n.isNull()) {
      return Validation.valid(options.meshNumTrustedProxies());
    }
    if (!n.canConvertToInt() || n.intValue() < 0) {
      return Validation.invalid(new ModelError("", "metadata.annotations[\"" + ANNOTATION + "\"]",
          "gatewayTopology.numTrustedProxies must be a non-negative integer, found " + n.asText()));
    }
    return Validation.valid(n.intValue());
  }

  /** The same for a dumped pod, the error naming the pod's file and path. */
  public static Parsed<Integer> numTrustedProxies(Pod pod, boolean appRouting,
      GatewayOptions options) {
    return Parsed.of(numTrustedProxiesResult(pod, appRouting, options));
  }

  private static Validation<ModelError, Integer> numTrustedProxiesResult(Pod pod, boolean appRouting,
      GatewayOptions options) {
    return numTrustedProxies(pod.annotations(), appRouting, options).mapError(e -> new ModelError(
        pod.provenance().map(p -> p.file()).orElse(""), pod.provenance().map(p -> p.path().isEmpty() ? e.path()
            : p.path() + "." + e.path()).orElse(e.path()), "Pod " + pod.key() + ": " + e.message()));
  }
}
