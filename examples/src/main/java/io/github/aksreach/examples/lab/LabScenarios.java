package io.github.aksreach.examples.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The article's lab, bundled as scenario directories (one per article step) in the real kubectl and az shapes.
 *
 * <pre>{@code
 * Path step4 = LabScenarios.directory("step4-cluster-nsgs-nodes");   // a real directory, extracted if needed
 * AksReachability.load(step4);
 * }</pre>
 */
public final class LabScenarios {
  /** The scenario directories, in article order, then the lab migrated to an Istio Gateway (steps 8 and 9). */
  public static final List<String> STEPS = List.of("step1-cluster-open", "step2-cluster-allowlist",
      "step3-cluster-nsgs", "step4-cluster-nsgs-nodes", "step6-local-pinned", "step7-local-spread",
      "step8-istio-cluster-allowlist", "step9-istio-local-allowlist");

  private static Path extracted;

  private LabScenarios() {}

  /** The directory of one step: the resource folder itself, or a copy extracted from the jar. */
  public static synchronized Path directory(String step) {
    if (!STEPS.contains(step)) {
      throw new IllegalArgumentException("no lab step " + step);
    }
    URL url = LabScenarios.class.getResource("/lab/" + step);
    if (url == null) {
      throw new IllegalStateException("lab resources are missing from the classpath");
    }
    try {
      URI uri = url.toURI();
      if (uri.getScheme().equals("file")) {
        return Path.of(uri);
      }
      if (extracted == null) {
        extracted = extractAll(uri);
      }
      return extracted.resolve(step);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path extractAll(URI stepUri) {
    try {
      String s = stepUri.toString();
      URI jar = URI.create(s.substring(0, s.indexOf("!/")));
      FileSystem fs;
      try {
        fs = FileSystems.newFileSystem(jar, Map.of());
      } catch (FileSystemAlreadyExistsException e) {
        fs = FileSystems.getFileSystem(jar);
      }
      Path root = fs.getPath("/lab");
      Path target = Files.createTempDirectory("aksreach-lab");
      target.toFile().deleteOnExit();
      try (Stream<Path> walk = Files.walk(root)) {
        for (Path p : (Iterable<Path>) walk::iterator) {
          Path dst = target.resolve(root.relativize(p).toString());
          if (Files.isDirectory(p)) {
            Files.createDirectories(dst);
          } else {
            Files.copy(p, dst);
          }
          dst.toFile().deleteOnExit();
        }
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
