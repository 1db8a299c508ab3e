package io.github.aksreach.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Copies of scenario directories for tests that edit a file of a scenario (what a user's own dump variant is).
 *
 * <pre>{@code
 * Path mine = TestDirs.copy(ScenarioCorpusTest.root().resolve("etp-local-no-snat"), tmp.resolve("mine"));
 * }</pre>
 */
public final class TestDirs {
  private TestDirs() {}

  /** Copies {@code from} recursively to {@code to}; returns {@code to}. */
  public static Path copy(Path from, Path to) throws IOException {
    List<Path> all;
    try (Stream<Path> s = Files.walk(from)) {
      all = s.sorted(Comparator.naturalOrder()).toList();
    }
    for (Path p : all) {
      Path t = to.resolve(from.relativize(p).toString());
      if (Files.isDirectory(p)) {
        Files.createDirectories(t);
      } else {
        Files.copy(p, t);
      }
    }
    return to;
  }
}
