package io.github.aksreach.k8s.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.k8s.TestFiles;
import io.github.aksreach.k8s.model.ConfigMap;
import io.github.aksreach.k8s.model.Container;
import io.github.aksreach.k8s.model.Ingress;
import io.github.aksreach.k8s.model.IngressClass;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.github.aksreach.k8s.model.ObjectRef;
import io.github.aksreach.k8s.model.Pod;
import java.util.List;
import org.junit.jupiter.api.Test;

class IngressNginxControllerTest {

  @Test
  void labControllerIsFoundByItsPodsWithItsConfigMap() {
    KubernetesCluster c = TestFiles.lab("step1-cluster-open");
    List<IngressNginxController> all = IngressNginxController.detect(c);
    assertThat(all).hasSize(1);
    IngressNginxController ctl = all.get(0);
    assertThat(ctl.namespace()).isEqualTo("ingress");
    assertThat(ctl.name()).isEqualTo("ingress-nginx-controller");
    assertThat(ctl.configMap()).isEqualTo(ObjectRef.of("ConfigMap", "ingress", "ingress-nginx-controller"));
    assertThat(ctl.pods()).extracting(Pod::name).containsExactly("ingress-nginx-controller-5c6b9d8b7f-7hq2x");
    assertThat(ctl.ingressClass()).isEqualTo("nginx");
    assertThat(ctl.controllerClass()).isEqualTo("k8s.io/ingress-nginx");
    assertThat(ctl.publishService()).contains("ingress/ingress-nginx-controller");
    assertThat(ctl.ingresses(c)).extracting(Ingress::key).containsExactly("default/weather");
    IngressNginxConfig cfg = ctl.config(c);
    assertThat(cfg).isEqualTo(IngressNginxConfig.defaults());
    assertThat(cfg.problems()).isEmpty();
    assertThat(IngressNginxController.detect(TestFiles.lab("step7-local-spread")).get(0).pods()).hasSize(3);
  }

  @Test
  void realWorldManifestControllerIsFoundByItsDeploymentTemplate() {
    KubernetesCluster c = TestFiles.loadRealWorld("ingress-nginx-cloud-deploy.yaml").get().value();
    List<IngressNginxController> all = IngressNginxController.detect(c);
    assertThat(all).hasSize(1);
    IngressNginxController ctl = all.get(0);
    assertThat(ctl.workload()).isPresent();
    assertThat(ctl.pods()).isEmpty();
    assertThat(ctl.configMap().key()).isEqualTo("ingress-nginx/ingress-nginx-controller");
    assertThat(ctl.config(c)).isEqualTo(IngressNginxConfig.defaults());
  }

  @Test
  void detectionByContainerOrLabelsAndFlagForms() {
    Pod byBinary = Pod.builder().namespace("web").name("ctl-abc")
        .addContainers(Container.builder().name("c").addCommand("/nginx-ingress-controller")
            .addArgs("--configmap", "$(POD_NAMESPACE)/custom", "--ingress-class=internal",
                "--controller-class=example.com/internal", "--watch-ingress-without-class",
                "--annotations-prefix=custom.ingress", "--health-check-path=/ready")
            .build())
        .build();
    Pod byLabels = Pod.builder().namespace("other").name("x")
        .putLabels("app.kubernetes.io/name", "ingress-nginx").putLabels("app.kubernetes.io/component", "controller")
        .build();
    Pod admission = Pod.builder().namespace("other").name("job")
        .putLabels("app.kubernetes.io/name", "ingress-nginx")
        .putLabels("app.kubernetes.io/component", "admission-webhook").build();
    KubernetesCluster c = KubernetesCluster.builder().addPods(byBinary, byLabels, admission).build();
    List<IngressNginxController> all = IngressNginxController.detect(c);
    assertThat(all).hasSize(2);
    IngressNginxController a = all.get(0);
    assertThat(a.configMap().key()).isEqualTo("web/custom");
    assertThat(a.ingressClass()).isEqualTo("internal");
    assertThat(a.controllerClass()).isEqualTo("example.com/internal");
    assertThat(a.watchIngressWithoutClass()).isTrue();
    assertThat(a.annotationsPrefix()).isEqualTo("custom.ingress");
    assertThat(a.healthCheckPath()).isEqualTo("/ready");
    IngressNginxController b = all.get(1);
    assertThat(b.configMap().key()).as("default ConfigMap").isEqualTo("other/ingress-nginx-controller");
    assertThat(b.config(c).problems()).singleElement().asString().contains("not in the dump");
  }

  @Test
  void classSelectionFollowsAnnotationThenIngressClassThenDefault() {
    IngressNginxController ctl = IngressNginxController.builder().namespace("n").name("c")
        .configMap(ObjectRef.of("ConfigMap", "n", "c")).build();
    IngressClass nginx = IngressClass.builder().name("nginx").controller("k8s.io/ingress-nginx").build();
    IngressClass other = IngressClass.builder().name("traefik").controller("traefik.io/ingress-controller").build();
    KubernetesCluster c = KubernetesCluster.builder().addIngressClasses(nginx, other).build();
    Ingress.Builder ib = Ingress.builder().namespace("d").name("i");
    assertThat(ctl.handles(ib.build().withIngressClassName("nginx"), c)).isTrue();
    assertThat(ctl.handles(ib.build().withIngressClassName("traefik"), c)).isFalse();
    assertThat(ctl.handles(ib.build().withAnnotations(java.util.Map.of(Ingress.CLASS_ANNOTATION, "nginx"))
        .withIngressClassName("traefik"), c)).as("annotation wins").isTrue();
    assertThat(ctl.handles(ib.build(), c)).as("no class, no default").isFalse();
    KubernetesCluster withDefault = c.withIngressClasses(nginx.withAnnotations(
        java.util.Map.of(IngressClass.DEFAULT_ANNOTATION, "true")), other);
    assertThat(ctl.handles(ib.build(), withDefault)).isTrue();
    assertThat(ctl.handles(ib.build().withIngressClassName("nginx"), KubernetesCluster.empty()))
        .as("class object not dumped: matched by name").isTrue();
  }

  @Test
  void configMapKeysAreTyped() {
    IngressNginxConfig cfg = IngressNginxConfig.fromConfigMap(ConfigMap.builder().namespace("i").name("c")
        .putData("use-forwarded-headers", "true").putData("enable-real-ip", "1")
        .putData("use-proxy-protocol", "False").putData("proxy-real-ip-cidr", "10.0.0.0/8, 192.168.0.0/16")
        .putData("forwarded-for-header", "X-Real-IP").putData("whitelist-source-range", "192.168.1.4, 10.0.0.0/24")
        .putData("denylist-source-range", "10.0.0.9").putData("block-cidrs", "1.2.3.4,bad")
        .putData("service-upstream", "maybe").build());
    assertThat(cfg.useForwardedHeaders()).isTrue();
    assertThat(cfg.enableRealIp()).isTrue();
    assertThat(cfg.useProxyProtocol()).isFalse();
    assertThat(cfg.proxyRealIpCidr()).containsExactly(IpPrefix.of("10.0.0.0/8"), IpPrefix.of("192.168.0.0/16"));
    assertThat(cfg.forwardedForHeader()).isEqualTo("X-Real-IP");
    assertThat(cfg.whitelistSourceRange()).containsExactly(IpPrefix.of("192.168.1.4/32"), IpPrefix.of("10.0.0.0/24"));
    assertThat(cfg.denylistSourceRange()).containsExactly(IpPrefix.of("10.0.0.9/32"));
    assertThat(cfg.blockCidrs()).containsExactly(IpPrefix.of("1.2.3.4/32"));
    assertThat(cfg.serviceUpstream()).isFalse();
    assertThat(cfg.problems()).hasSize(2);
    assertThat(cfg.clientAddressSpoofable()).as("trusts only 10/8 and 192.168/16").isFalse();
    IngressNginxConfig defaults = IngressNginxConfig.defaults();
    assertThat(defaults.proxyRealIpCidr()).containsExactly(IpPrefix.of("0.0.0.0/0"));
    assertThat(defaults.realIpEnabled()).isFalse();
    assertThat(defaults.withUseForwardedHeaders(true).clientAddressSpoofable()).isTrue();
  }
}
