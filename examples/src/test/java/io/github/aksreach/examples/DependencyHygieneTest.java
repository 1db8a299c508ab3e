package io.github.aksreach.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What a project depending on aksreach-examples gets: no JMH (GPL-2.0 with the Classpath Exception), none of JMH's
 * own dependencies (commons-math3, jopt-simple), and no test-jar outside test scope. The benchmarks and their jar
 * live in the bench module.
 */
class DependencyHygieneTest {
  @Test
  void jmhAndItsDependenciesAreNotOnTheClassPath() {
    // the test class path holds every compile, runtime and test dependency of this module
    for (String c : List.of("org.openjdk.jmh.Main", "org.openjdk.jmh.annotations.Benchmark",
        "org.apache.commons.math3.stat.descriptive.SummaryStatistics", "joptsimple.OptionParser")) {
      assertThat(loadable(c)).as(c).isFalse();
    }
    assertThat(loadable("picocli.CommandLine")).as("the CLI's own dependency is there").isTrue();
  }

  @Test
  void testJarsAreTestScoped() throws Exception {
    Element project = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(Path.of("pom.xml").toFile()).getDocumentElement();
    NodeList deps = project.getElementsByTagName("dependency");
    List<String> leaking = new ArrayList<>();
    int testJars = 0;
    for (int i = 0; i < deps.getLength(); i++) {
      Element d = (Element) deps.item(i);
      if (text(d, "type").equals("test-jar")) {
        testJars++;
        if (!text(d, "scope").equals("test")) {
          leaking.add(text(d, "artifactId"));
        }
      }
      assertThat(text(d, "groupId")).as("no JMH dependency").isNotEqualTo("org.openjdk.jmh");
    }
    assertThat(testJars).isPositive();
    assertThat(leaking).as("test-jars outside test scope").isEmpty();
  }

  private static String text(Element e, String tag) {
    NodeList l = e.getElementsByTagName(tag);
    return l.getLength() == 0 ? "" : l.item(0).getTextContent().trim();
  }

  private static boolean loadable(String name) {
    try {
      Class.forName(name, false, DependencyHygieneTest.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
