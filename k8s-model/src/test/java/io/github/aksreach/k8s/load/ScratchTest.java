package io.github.aksreach.k8s.load;

import java.nio.file.*;
import org.junit.jupiter.api.Test;

class ScratchTest {
  @Test
  void dump() throws Exception {
    KubernetesLoader l = KubernetesLoader.create();
    try (var s = Files.list(Path.of("src/test/resources/realworld"))) {
      for (Path p : s.sorted().toList()) {
        if (p.toString().endsWith(".md")) continue;
        System.out.println("=== " + p.getFileName());
        var r = l.loadString(p.getFileName().toString(), Files.readString(p));
        if (r.isInvalid()) r.getError().forEach(e -> System.out.println("ERR " + e));
        else { System.out.println(r.get().value()); r.get().notes().forEach(n -> System.out.println(n)); }
      }
    }
    try (var s = Files.list(Path.of("../examples/src/main/resources/lab"))) {
      for (Path p : s.sorted().toList()) {
        if (!Files.isDirectory(p)) continue;
        System.out.println("=== " + p.getFileName());
        var r = l.loadDirectory(p.resolve("k8s"));
        if (r.isInvalid()) r.getError().forEach(e -> System.out.println("ERR " + e));
        else { System.out.println(r.get().value()); r.get().notes().forEach(n -> System.out.println(n)); }
      }
    }
  }
}
