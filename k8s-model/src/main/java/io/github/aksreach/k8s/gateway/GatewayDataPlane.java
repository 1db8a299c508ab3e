package io.github.aksreach.k8s.gateway;

import io.github.aksreach.k8s.model.Pod;
import io.github.aksreach.k8s.model.Service;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The in-cluster data plane of one Istio Gateway: its LoadBalancer Service and gateway pods, each taken from the dump
 * when it is there and derived otherwise ({@link IstioDataPlane#resolve}), with the pod labels and annotations the
 * generated Deployment gives its pods.
 *
 * <pre>{@code
 * GatewayDataPlane dp = IstioDataPlane.resolve(gateway, cluster, GatewayOptions.defaults()).get();
 * dp.service().name();            // "web-approuting-istio"
 * dp.serviceOrigin();             // DERIVED: the dump has no such Service
 * dp.service().externalTrafficPolicy();   // CLUSTER (A4.6)
 * dp.pods();                      // the dumped pods the Service selects (none when derived and not dumped)
 * }</pre>
 *
 * @param service the Service (dumped or derived)
 * @param serviceOrigin where the Service comes from
 * @param pods the gateway pods in the dump the Service selects
 * @param podLabels the labels Istio puts on gateway pods
 * @param podAnnotations the annotations Istio puts on gateway pods (propagated and from the Deployment overlay)
 * @param notes what the derivation assumed or ignored, and where the dump and the derivation disagree
 */
public record GatewayDataPlane(Service service, Origin serviceOrigin, List<Pod> pods, Map<String, String> podLabels,
    Map<String, String> podAnnotations, List<String> notes) {
  /** Where an object of the data plane comes from. */
  public enum Origin {
    /** Read from the dump: it wins over the derivation. */
    DUMPED,
    /** Derived from the Gateway as Istio's deployment controller would generate it. */
    DERIVED
  }

  public GatewayDataPlane {
    pods = List.copyOf(pods);
    podLabels = Collections.unmodifiableMap(new LinkedHashMap<>(podLabels));
    podAnnotations = Collections.unmodifiableMap(new LinkedHashMap<>(podAnnotations));
    notes = List.copyOf(notes);
  }
}
