package io.github.aksreach.azure.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The resource-manager clients bring azure-core, Reactor and Jackson 2: the one jackson-databind on the class path
 * is the build's (the version the core modules are built and tested with), not the 2.18 azure-core asks for, and no
 * Jackson 3 comes with them. The parent's enforcer rule keeps com.azure and this module off the core modules.
 */
class DependencyBoundaryTest {
  @Test
  void theSdkRunsOnTheBuildsJackson() {
    assertThat(location(com.azure.resourcemanager.network.NetworkManager.class))
        .contains("azure-resourcemanager-network-2.53.0");
    assertThat(location(com.azure.core.http.HttpClient.class)).contains("azure-core-1.58.1");
    assertThat(com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.getMajorVersion()).isEqualTo(2);
    assertThat(location(com.fasterxml.jackson.databind.ObjectMapper.class)).contains("jackson-databind-2.23.");
    assertThatThrownBy(() -> Class.forName("tools.jackson.databind.ObjectMapper"))
        .isInstanceOf(ClassNotFoundException.class);
  }

  private static String location(Class<?> c) {
    return c.getProtectionDomain().getCodeSource().getLocation().toString();
  }
}
