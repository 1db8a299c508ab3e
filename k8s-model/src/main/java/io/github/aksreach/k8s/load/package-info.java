/**
 * Loaders for what users dump: {@code kubectl get ... -o yaml|json} output (a scenario's {@code k8s/} folder) and
 * {@code scenario.yaml}.
 *
 * <pre>{@code
 * Validation<Seq<ModelError>, Loaded<KubernetesCluster>> r = KubernetesLoader.create().loadDirectory(dir.resolve("k8s"));
 * if (r.isInvalid()) {
 *   r.getError().forEach(e -> System.err.println(e));   // "services.yaml: items[0].spec.loadBalancerIP: ..."
 * } else {
 *   r.get().notes().forEach(System.out::println);        // skipped kinds, lenient readings, warnings
 *   KubernetesCluster cluster = r.get().value();
 * }
 * }</pre>
 *
 * <p>Errors are values ({@code ModelError}, with file and YAML/JSON path), all reported at once; a load with any
 * error returns no model at all. Anything read leniently is reported as a {@link io.github.aksreach.k8s.load.LoadNote}.
 */
@NullMarked
package io.github.aksreach.k8s.load;

import org.jspecify.annotations.NullMarked;
