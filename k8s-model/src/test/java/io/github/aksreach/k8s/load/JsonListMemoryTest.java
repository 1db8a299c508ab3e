package io.github.aksreach.k8s.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.input.ReadLimits;
import io.github.aksreach.core.model.Validated;
import io.github.aksreach.k8s.model.KubernetesCluster;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The memory of reading a large {@code kubectl get pods -o json} List follows the model, not the file's tree: a
 * 30 MB List of 16,000 pods loads in a JVM of 128 MB heap read item by item, and does not as one tree (the same file,
 * the same heap, {@link KubernetesLoader#treeOnly()}): each in a JVM of its own.
 */
class JsonListMemoryTest {
  private static final int PODS = 16_000;
  private static final String HEAP = "-Xmx128m";

  /** Loads the file given, item by item ({@code stream}) or as a tree ({@code tree}); prints the pod count. */
  public static void main(String[] args) {
    Path f = Path.of(args[0]);
    ReadLimits limits = ReadLimits.defaults().withMaxFileBytes(1L << 30).withMaxTotalBytes(1L << 30);
    KubernetesLoader loader = KubernetesLoader.create(limits);
    if (args[1].equals("tree")) {
      loader = loader.treeOnly();
    }
    Validated<Loaded<KubernetesCluster>> v = loader.loadFiles(List.of(f));
    if (v.isInvalid()) {
      System.out.println("invalid " + v.getError().head());
      System.exit(3);
    }
    System.out.println("pods " + v.get().value().pods().size());
  }

  private static void writePods(Path f, int n) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(f)) {
      w.write("{\n    \"apiVersion\": \"v1\",\n    \"items\": [\n");
      for (int i = 0; i < n; i++) {
        String ip = "10.244." + (i / 250) + "." + (i % 250 + 1);
        w.write((i == 0 ? "" : ",\n") + "        {\n"
            + "            \"apiVersion\": \"v1\",\n"
            + "            \"kind\": \"Pod\",\n"
            + "            \"metadata\": {\n"
            + "                \"annotations\": {\"kubectl.kubernetes.io/restartedAt\": \"2026-11-30T10:00:00Z\"},\n"
            + "                \"creationTimestamp\": \"2026-11-30T10:00:00Z\",\n"
            + "                \"labels\": {\"app\": \"web-" + (i % 50) + "\", \"pod-template-hash\": \"5d8f7c9b6\"},\n"
            + "                \"name\": \"web-" + i + "\",\n"
            + "                \"namespace\": \"apps\",\n"
            + "                \"resourceVersion\": \"" + (1000 + i) + "\",\n"
            + "                \"uid\": \"6f1c2b3a-0000-4000-8000-" + String.format("%012d", i) + "\"\n"
            + "            },\n"
            + "            \"spec\": {\n"
            + "                \"containers\": [{\"image\": \"mcr.microsoft.com/oss/nginx/nginx:1.25\","
            + " \"imagePullPolicy\": \"IfNotPresent\", \"name\": \"web\", \"ports\": [{\"containerPort\": 8080,"
            + " \"name\": \"http\", \"protocol\": \"TCP\"}], \"resources\": {\"requests\": {\"cpu\": \"100m\","
            + " \"memory\": \"128Mi\"}}, \"env\": [{\"name\": \"A\", \"value\": \"1\"}, {\"name\": \"B\","
            + " \"value\": \"2\"}]}],\n"
            + "                \"dnsPolicy\": \"ClusterFirst\",\n"
            + "                \"nodeName\": \"aks-pool-" + (i / 30) + "\",\n"
            + "                \"restartPolicy\": \"Always\",\n"
            + "                \"schedulerName\": \"default-scheduler\"\n"
            + "            },\n"
            + "            \"status\": {\n"
            + "                \"conditions\": [{\"lastTransitionTime\": \"2026-11-30T10:00:01Z\", \"status\": \"True\","
            + " \"type\": \"Initialized\"}, {\"lastTransitionTime\": \"2026-11-30T10:00:05Z\", \"status\": \"True\","
            + " \"type\": \"Ready\"}, {\"lastTransitionTime\": \"2026-11-30T10:00:05Z\", \"status\": \"True\","
            + " \"type\": \"ContainersReady\"}, {\"lastTransitionTime\": \"2026-11-30T10:00:01Z\", \"status\":"
            + " \"True\", \"type\": \"PodScheduled\"}],\n"
            + "                \"hostIP\": \"10.224.0." + (i / 30 % 250 + 4) + "\",\n"
            + "                \"phase\": \"Running\",\n"
            + "                \"podIP\": \"" + ip + "\",\n"
            + "                \"podIPs\": [{\"ip\": \"" + ip + "\"}],\n"
            + "                \"qosClass\": \"Burstable\",\n"
            + "                \"startTime\": \"2026-11-30T10:00:01Z\"\n"
            + "            }\n"
            + "        }");
      }
      w.write("\n    ],\n    \"kind\": \"List\",\n    \"metadata\": {\"resourceVersion\": \"\"}\n}\n");
    }
  }

  private static List<String> run(Path f, String how) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> cmd = new ArrayList<>(List.of(java.toString(), HEAP, "-XX:+UseSerialGC", "-cp",
        System.getProperty("java.class.path"), JsonListMemoryTest.class.getName(), f.toString(), how));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    return List.of(String.valueOf(p.exitValue()), out);
  }

  @Test
  void aLargeListLoadsInASmallHeapItemByItem(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("pods.json");
    writePods(f, PODS);
    assertThat(Files.size(f)).isGreaterThan(25L << 20);
    List<String> streamed = run(f, "stream");
    assertThat(streamed.get(1)).as("item by item in %s", HEAP).contains("pods " + PODS);
    assertThat(streamed.get(0)).isEqualTo("0");
    List<String> tree = run(f, "tree");
    assertThat(tree.get(1)).as("as one tree in %s", HEAP).contains("OutOfMemoryError");
  }
}
