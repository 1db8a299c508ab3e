package io.github.aksreach.examples.lab;

import io.github.aksreach.core.model.Flow;
import io.github.aksreach.k8s.aks.AksReachability;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LabSmokeTest {
  @Test
  void print() {
    for (String step : new String[] {"step1-cluster-open", "step2-cluster-allowlist", "step3-cluster-nsgs",
        "step4-cluster-nsgs-nodes", "step6-local-pinned", "step7-local-spread"}) {
      var a = AksReachability.load(Path.of("src/main/resources/lab", step));
      if (a.isInvalid()) {
        a.getError().forEach(e -> System.out.println("ERR " + e));
        continue;
      }
      System.out.println("==== " + step);
      a.get().network().scenario().notes().forEach(n -> System.out.println("note " + n));
      System.out.println(a.get().health().toText());
      System.out.println(a.get().check(Flow.tcp("192.168.1.4:50326", "192.168.0.22:80")
          .withHttp("demoapi.eyskens.corp", "/weatherforecast")).toText());
    }
  }
}
