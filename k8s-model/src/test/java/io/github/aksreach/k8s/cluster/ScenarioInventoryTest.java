package io.github.aksreach.k8s.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-file counts of {@code inventory}. */
class ScenarioInventoryTest {
  private static Map<String, Integer> counts(Path dir, LoadOptions o, String file) {
    return ScenarioInventory.of(dir, o).files().stream().filter(f -> f.file().equals(file)).findFirst()
        .orElseThrow().counts();
  }

  /** A file that cannot be read holds no object to leave out: refused, strict or skipping invalid objects. */
  @Test
  void anUnreadableFileIsRefusedEvenWhenSkippingInvalid(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("k8s"));
    Files.write(dir.resolve("k8s/bad.json"), new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, 0x28, '"', '}'});
    for (LoadOptions o : new LoadOptions[] {LoadOptions.strict(), LoadOptions.skippingInvalid()}) {
      assertThat(counts(dir, o, "k8s/bad.json")).as("%s", o).containsEntry("refused", 1);
    }
  }

  /** A readable file with a bad object: refused strict, the object left out when skipping invalid objects. */
  @Test
  void aBadObjectIsRefusedStrictAndLeftOutWhenSkipping(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("k8s"));
    Files.writeString(dir.resolve("k8s/pods.json"), "{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": ["
        + "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"a\", \"namespace\": \"n\"},"
        + " \"spec\": {\"nodeName\": \"x\"}, \"status\": {\"phase\": \"Running\", \"podIP\": \"10.0.0.1\"}},"
        + "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"b\", \"namespace\": \"n\"},"
        + " \"spec\": {\"nodeName\": \"x\"}, \"status\": {\"phase\": \"Running\", \"podIP\": \"10.0.0.999\"}}]}");
    assertThat(counts(dir, LoadOptions.strict(), "k8s/pods.json")).containsEntry("refused", 1);
    assertThat(counts(dir, LoadOptions.skippingInvalid(), "k8s/pods.json")).containsEntry("pods", 1)
        .containsEntry("leftOut", 1);
  }
}
