package io.github.aksreach.k8s.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
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

  /**
   * A large file's line, found by walking only toward its path ({@link Locator#lineOf}), is the one the whole index
   * gives: every file of the scenario corpus, lab and real-world dumps (YAML, JSON, Lists, several documents,
   * UTF-16), up to 20 of its paths each, and paths it does not hold.
   */
  @Test
  void theWalkTowardOnePathFindsTheLineTheIndexHolds() throws Exception {
    Path repo = io.github.aksreach.k8s.TestFiles.repoRoot();
    List<Path> files = new ArrayList<>();
    for (String dir : List.of("examples/src/test/resources/scenarios", "examples/src/main/resources/lab",
        "k8s-model/src/test/resources/realworld")) {
      try (Stream<Path> w = Files.walk(repo.resolve(dir))) {
        w.filter(Files::isRegularFile).filter(f -> {
          String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
          return n.endsWith(".json") || n.endsWith(".yaml") || n.endsWith(".yml");
        }).sorted().forEach(files::add);
      }
    }
    Random r = new Random(7);
    int compared = 0;
    for (Path f : files) {
      Map<String, Integer> index = Locator.index(f.getParent(), f);
      List<String> paths = new ArrayList<>(index.keySet());
      java.util.Collections.sort(paths);
      java.util.Collections.shuffle(paths, r);
      List<String> asked = new ArrayList<>(paths.subList(0, Math.min(20, paths.size())));
      asked.addAll(List.of("zzz", "items[99999]", "doc[0]", "doc[1]", "[0]", "metadata.nonexistent"));
      for (String path : asked) {
        assertThat(Locator.lineOf(f.getParent(), f, path)).as("%s %s", f, path)
            .isEqualTo(Optional.ofNullable(index.get(path)));
        compared++;
      }
    }
    assertThat(files).hasSizeGreaterThan(300);
    assertThat(compared).isGreaterThan(6_000);
  }
}
