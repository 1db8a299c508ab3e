package io.github.aksreach.k8s.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lines of objects are found in files as the loaders read them: BOMs, UTF-16, several JSON documents. */
class LocatorTest {
  @TempDir
  Path tmp;

  @Test
  void aUtf16FileWithABomHasItsLines() throws Exception {
    Path f = tmp.resolve("svc.yaml");
    Files.write(f, "\ufeffapiVersion: v1\nkind: List\nitems:\n- kind: Service\n  metadata: {name: a}\n- kind: Pod\n"
        .getBytes(StandardCharsets.UTF_16));
    Map<String, Integer> lines = Locator.index(tmp, f);
    assertThat(lines).containsEntry("items[0]", 4).containsEntry("items[1]", 6).containsEntry("items[0].metadata", 5);
  }

  @Test
  void concatenatedJsonDocumentsArePathedAsTheLoadersPathThem() throws Exception {
    Path f = tmp.resolve("nsgs.json");
    Files.writeString(f, "{\"name\": \"a\"}\n{\"name\": \"b\",\n \"securityRules\": [{}]}\n");
    assertThat(Locator.index(tmp, f)).containsEntry("doc[0]", 1).containsEntry("doc[1]", 2)
        .containsEntry("doc[1].securityRules[0]", 3);
    Path one = tmp.resolve("one.json");
    Files.writeString(one, "{\"securityRules\": [\n{}]}");
    assertThat(Locator.index(tmp, one)).containsEntry("", 1).containsEntry("securityRules[0]", 2);
  }
}
