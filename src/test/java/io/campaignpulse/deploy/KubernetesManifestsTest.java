package io.campaignpulse.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.campaignpulse.deploy.Manifests.Document;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * Every manifest under k8s/ is a valid Kubernetes object and agrees with the application: probe
 * paths and ports, metrics, shutdown timing, configuration keys; and no Secret holds a real value.
 */
class KubernetesManifestsTest {

    static final String APP = "campaign-pulse";

    /**
     * Configuration keys the service reads that need not appear in application.properties:
     * the public contract (shared API.md, "Configuration keys") and the Quarkus keys an operator sets.
     */
    static final Set<String> DOCUMENTED_KEYS = Set.of(
            "quarkus.datasource.reactive.url", "quarkus.datasource.username", "quarkus.datasource.password",
            "pulse.ingest.auth", "pulse.ingest.header-name", "pulse.ingest.header-value",
            "pulse.ingest.basic-username", "pulse.ingest.basic-password", "pulse.ingest.max-body-bytes",
            "pulse.ingest.max-batch-events",
            "pulse.admin.token", "pulse.graphql.read-token", "pulse.graphql.max-page-size",
            "pulse.graphql.auth", "pulse.graphql.read-token-clients", "pulse.admin.token-clients",
            "pulse.graphql.all-clients-role", "mp.jwt.verify.publickey.location", "mp.jwt.verify.publickey",
            "mp.jwt.verify.issuer", "mp.jwt.verify.audiences", "quarkus.http.cors.origins",
            "pulse.optimizely.client-id", "pulse.optimizely.api-user", "pulse.optimizely.api-password",
            "quarkus.rest-client.optimizely.url",
            "pulse.webhooks.public-url", "pulse.webhooks.types", "pulse.webhooks.sync-on-start",
            "quarkus.log.level", "quarkus.http.port", "quarkus.shutdown.timeout");

    /** The only form a Secret value may take in this repository. */
    static final Pattern PLACEHOLDER = Pattern.compile("(Bearer |Basic )?CHANGE_ME");

    static final Pattern SECRET_LIKE_KEY = Pattern.compile(".*(PASSWORD|TOKEN|SECRET|HEADER_VALUE|CREDENTIAL).*");

    static AppConfig app;
    static List<Document> all;
    static List<Document> base;

    @BeforeAll
    static void load() {
        app = new AppConfig();
        all = Manifests.documents(Manifests.ROOT);
        base = Manifests.documents(Manifests.BASE);
    }

    // --- every file ---------------------------------------------------------------------------------

    @Test
    void everyManifestIsAKnownKubernetesObjectWithoutUnknownFields() {
        assertFalse(all.isEmpty(), "no manifests found under " + Manifests.ROOT.toAbsolutePath());
        List<String> problems = new ArrayList<>();
        for (Document doc : all) {
            if (!(doc.object() instanceof HasMetadata object) || doc.object() instanceof GenericKubernetesResource) {
                problems.add(doc.where() + ": apiVersion " + doc.raw().path("apiVersion") + " kind " + doc.raw().path("kind")
                        + " is not a Kubernetes type the model knows");
                continue;
            }
            if (object.getMetadata() == null || object.getMetadata().getName() == null) {
                problems.add(doc.where() + ": has no metadata.name");
            }
            // A strategic-merge patch may carry kustomize's "$patch" directive at its top level.
            Map<String, Object> topLevel = unknownFields(object);
            topLevel.remove("$patch");
            topLevel.forEach((field, value) -> problems.add(doc.where() + ": unknown field " + field));
            collectUnknownFields(doc.where(), object, problems, true);
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void everyManifestIsListedInTheKustomizationOfItsFolder() {
        List<String> problems = new ArrayList<>();
        for (Path file : Manifests.yamlFiles(Manifests.ROOT)) {
            if (Manifests.isKustomization(file)) {
                continue;
            }
            Path kustomization = file.resolveSibling("kustomization.yaml");
            if (!Files.exists(kustomization)) {
                problems.add(file + ": no kustomization.yaml beside it");
                continue;
            }
            if (!referenced(kustomization).contains(file.getFileName().toString())) {
                problems.add(file + ": not listed in " + kustomization);
            }
        }
        for (Path kustomization : Manifests.yamlFiles(Manifests.ROOT)) {
            if (Manifests.isKustomization(kustomization)) {
                for (String reference : referenced(kustomization)) {
                    if (!Files.exists(kustomization.resolveSibling(reference))) {
                        problems.add(kustomization + ": refers to " + reference + ", which does not exist");
                    }
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertTrue(Files.exists(Manifests.ROOT.resolve("overlays/try-it/kustomization.yaml")));
        assertTrue(Files.exists(Manifests.ROOT.resolve("overlays/production/kustomization.yaml")));
    }

    @Test
    void everyOverlayPatchTargetsAnObjectOfTheBase() {
        List<String> problems = new ArrayList<>();
        for (Path kustomization : Manifests.yamlFiles(Manifests.ROOT.resolve("overlays"))) {
            if (!Manifests.isKustomization(kustomization)) {
                continue;
            }
            JsonNode tree = Manifests.trees(kustomization).get(0);
            for (JsonNode patch : tree.path("patches")) {
                Path file = kustomization.resolveSibling(patch.path("path").asText());
                for (Document doc : Manifests.documents(file)) {
                    HasMetadata target = (HasMetadata) doc.object();
                    boolean exists = base.stream().anyMatch(b -> b.object() instanceof HasMetadata object
                            && object.getKind().equals(target.getKind())
                            && object.getMetadata().getName().equals(target.getMetadata().getName()));
                    if (!exists) {
                        problems.add(doc.where() + ": patches " + target.getKind() + " " + target.getMetadata().getName()
                                + ", which the base does not have");
                    }
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    // --- the Deployment ------------------------------------------------------------------------------

    @Test
    void deploymentRunsAtLeastTwoHardenedReplicas() {
        Deployment deployment = Manifests.one(base, Deployment.class, APP);
        assertTrue(deployment.getSpec().getReplicas() >= 2, "replicas");
        assertEquals(deployment.getSpec().getSelector().getMatchLabels(),
                subset(deployment.getSpec().getTemplate().getMetadata().getLabels(), deployment.getSpec().getSelector().getMatchLabels()),
                "the selector must match the pod template's labels");

        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container container = appContainer(deployment);
        assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot(), "pod runAsNonRoot");
        assertTrue(pod.getSecurityContext().getRunAsUser() > 0, "pod runs as a non-zero uid");
        assertEquals(Boolean.TRUE, container.getSecurityContext().getRunAsNonRoot(), "container runAsNonRoot");
        assertEquals(Boolean.TRUE, container.getSecurityContext().getReadOnlyRootFilesystem(), "readOnlyRootFilesystem");
        assertEquals(Boolean.FALSE, container.getSecurityContext().getAllowPrivilegeEscalation(), "allowPrivilegeEscalation");
        assertTrue(container.getSecurityContext().getCapabilities().getDrop().contains("ALL"), "drops all capabilities");

        VolumeMount tmp = container.getVolumeMounts().stream().filter(m -> "/tmp".equals(m.getMountPath())).findFirst()
                .orElseThrow(() -> new AssertionError("/tmp must be writable with a read-only root filesystem"));
        Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(tmp.getName())).findFirst().orElseThrow();
        assertNotNull(volume.getEmptyDir(), "/tmp is an emptyDir");

        for (String resource : List.of("cpu", "memory")) {
            assertNotNull(container.getResources().getRequests().get(resource), "request " + resource);
            assertNotNull(container.getResources().getLimits().get(resource), "limit " + resource);
        }
    }

    @Test
    void probesUseTheApplicationsHealthPathsOnTheManagementPort() {
        Container container = appContainer(Manifests.one(base, Deployment.class, APP));
        ContainerPort http = namedPort(container, "http");
        assertEquals(app.httpPort(), http.getContainerPort(), "containerPort is the application's quarkus.http.port");
        assertTrue(app.managementEnabled(), "health and metrics on the management interface, out of reach of the connection cap");
        ContainerPort management = namedPort(container, "management");
        assertEquals(app.managementPort(), management.getContainerPort(), "containerPort is the application's quarkus.management.port");

        assertProbe(container.getReadinessProbe(), app.healthPath("ready"), management, "readiness");
        assertProbe(container.getLivenessProbe(), app.healthPath("live"), management, "liveness");
        if (container.getStartupProbe() != null) {
            assertProbe(container.getStartupProbe(), app.healthPath("started"), management, "startup");
        }
        assertEquals("/q/health/ready", app.healthPath("ready"), "the documented readiness path");
    }

    @Test
    void theServiceDoesNotRouteTheManagementPort() {
        Service service = Manifests.one(base, Service.class, APP);
        for (var port : service.getSpec().getPorts()) {
            IntOrString target = port.getTargetPort();
            assertTrue(!"management".equals(target.getStrVal()) && !Integer.valueOf(app.managementPort()).equals(target.getIntVal()),
                    "Service port " + port.getName() + " must not expose health and metrics to the public");
        }
    }

    private static ContainerPort namedPort(Container container, String name) {
        return container.getPorts().stream().filter(p -> name.equals(p.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("the container must name a port '" + name + "'"));
    }

    @Test
    void terminationWaitsForAnInFlightDeliveryToCommit() {
        Deployment deployment = Manifests.one(base, Deployment.class, APP);
        Container container = appContainer(deployment);
        long preStop = container.getLifecycle() == null || container.getLifecycle().getPreStop() == null
                || container.getLifecycle().getPreStop().getSleep() == null
                        ? 0
                        : container.getLifecycle().getPreStop().getSleep().getSeconds();
        long shutdown = app.shutdownTimeout().toSeconds();
        assertTrue(shutdown >= 10, "quarkus.shutdown.timeout must leave a delivery time to commit, is " + shutdown + "s");
        assertTrue(preStop > 0, "a preStop pause lets endpoints and the ingress stop routing before SIGTERM");
        long grace = deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
        assertTrue(grace >= preStop + shutdown + 5,
                "terminationGracePeriodSeconds " + grace + " must exceed preStop " + preStop + "s + quarkus.shutdown.timeout " + shutdown + "s");
    }

    @Test
    void prometheusScrapesTheMetricsEndpoint() {
        Map<String, String> annotations = Manifests.one(base, Deployment.class, APP).getSpec().getTemplate().getMetadata().getAnnotations();
        assertEquals("true", annotations.get("prometheus.io/scrape"));
        assertEquals(app.metricsPath(), annotations.get("prometheus.io/path"));
        assertEquals("/q/metrics", annotations.get("prometheus.io/path"));
        assertEquals(String.valueOf(app.managementPort()), annotations.get("prometheus.io/port"));
    }

    // --- what points at the Deployment ---------------------------------------------------------------

    @Test
    void serviceHpaAndPdbSelectTheDeploymentsPods() {
        Deployment deployment = Manifests.one(base, Deployment.class, APP);
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();

        Service service = Manifests.one(base, Service.class, APP);
        assertEquals(service.getSpec().getSelector(), subset(podLabels, service.getSpec().getSelector()), "Service selector");
        for (ServicePort port : service.getSpec().getPorts()) {
            assertTrue(portNames(appContainer(deployment)).contains(port.getTargetPort().getStrVal()),
                    "Service port " + port.getName() + " targets a named container port");
        }

        HorizontalPodAutoscaler hpa = Manifests.one(base, HorizontalPodAutoscaler.class, APP);
        assertEquals("Deployment", hpa.getSpec().getScaleTargetRef().getKind());
        assertEquals(APP, hpa.getSpec().getScaleTargetRef().getName());
        assertTrue(hpa.getSpec().getMinReplicas() >= 2, "HPA keeps two replicas at least");
        assertTrue(hpa.getSpec().getMaxReplicas() >= hpa.getSpec().getMinReplicas());

        PodDisruptionBudget pdb = Manifests.one(base, PodDisruptionBudget.class, APP);
        Map<String, String> pdbSelector = pdb.getSpec().getSelector().getMatchLabels();
        assertEquals(pdbSelector, subset(podLabels, pdbSelector), "PDB selector");
        IntOrString minAvailable = pdb.getSpec().getMinAvailable();
        assertTrue(minAvailable != null && minAvailable.getIntVal() != null
                && minAvailable.getIntVal() >= 1 && minAvailable.getIntVal() < deployment.getSpec().getReplicas(),
                "PDB keeps one pod up yet lets a node drain");
    }

    @Test
    void ingressRoutesWebhooksAndGraphqlWithWebSocketFriendlyTimeouts() {
        Ingress ingress = Manifests.one(base, Ingress.class, APP);
        Service service = Manifests.one(base, Service.class, APP);
        Set<String> servicePorts = service.getSpec().getPorts().stream().map(ServicePort::getName).collect(Collectors.toSet());
        Map<String, HTTPIngressPath> paths = new LinkedHashMap<>();
        ingress.getSpec().getRules().forEach(rule -> rule.getHttp().getPaths().forEach(path -> paths.put(path.getPath(), path)));

        // ingest, GraphQL, and the live monitor page with its assets
        for (String path : List.of("/webhooks/optimizely", "/graphql", "/", "/index.html", "/monitor.css", "/js", "/webjars")) {
            HTTPIngressPath route = paths.get(path);
            assertNotNull(route, "the Ingress routes " + path);
            assertEquals(APP, route.getBackend().getService().getName(), path + " goes to the Service");
            assertTrue(servicePorts.contains(route.getBackend().getService().getPort().getName()), path + " uses a Service port");
        }
        assertFalse(paths.keySet().stream().anyMatch(p -> p.startsWith("/q")), "health, metrics and OpenAPI stay inside the cluster");
        assertEquals("Exact", paths.get("/").getPathType(), "/ routes the page only, not every path under it");

        Map<String, String> annotations = ingress.getMetadata().getAnnotations();
        for (String timeout : List.of("proxy-read-timeout", "proxy-send-timeout")) {
            String value = annotations.get("nginx.ingress.kubernetes.io/" + timeout);
            assertNotNull(value, timeout);
            assertTrue(Integer.parseInt(value) >= 3600, timeout + " keeps idle subscriptions open for an hour");
        }
        String bodySize = annotations.get("nginx.ingress.kubernetes.io/proxy-body-size");
        assertNotNull(bodySize, "proxy-body-size");
        long proxyLimit = Long.parseLong(bodySize.replace("m", "")) * 1024 * 1024;
        assertTrue(proxyLimit > Long.parseLong(app.prod("pulse.ingest.max-body-bytes", "10485760")),
                "the proxy lets the service answer 413 itself");
    }

    // --- configuration -------------------------------------------------------------------------------

    @Test
    void everyEnvironmentVariableNamesAConfigurationKey() {
        Map<String, String> knownByEnvironmentName = new LinkedHashMap<>();
        Set<String> keys = new TreeSet<>(app.keys());
        keys.addAll(DOCUMENTED_KEYS);
        keys.forEach(key -> knownByEnvironmentName.put(AppConfig.environmentName(key), key));

        Map<String, String> variables = applicationEnvironment();
        assertTrue(variables.keySet().containsAll(List.of("QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_PASSWORD",
                "PULSE_INGEST_HEADER_VALUE", "PULSE_ADMIN_TOKEN", "PULSE_OPTIMIZELY_API_PASSWORD")), variables.keySet().toString());
        List<String> unknown = variables.entrySet().stream()
                .filter(v -> !knownByEnvironmentName.containsKey(v.getKey()))
                .map(v -> v.getKey() + " (set in " + v.getValue() + ")")
                .toList();
        assertTrue(unknown.isEmpty(), "environment variables that name no configuration key: " + unknown);
    }

    @Test
    void secretsHoldPlaceholdersOnlyAndConfigMapsNoSecrets() {
        List<String> problems = new ArrayList<>();
        int secrets = 0;
        for (Document doc : all) {
            if (doc.object() instanceof Secret secret) {
                secrets++;
                Map<String, String> values = new LinkedHashMap<>();
                if (secret.getStringData() != null) {
                    values.putAll(secret.getStringData());
                }
                if (secret.getData() != null) {
                    secret.getData().forEach((k, v) -> values.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
                }
                values.forEach((key, value) -> {
                    if (!isPlaceholder(value)) {
                        problems.add(doc.where() + ": Secret key " + key + " holds a value that is not the placeholder CHANGE_ME");
                    }
                });
            }
            if (doc.object() instanceof ConfigMap config && config.getData() != null) {
                config.getData().keySet().stream().filter(k -> SECRET_LIKE_KEY.matcher(k).matches())
                        .forEach(k -> problems.add(doc.where() + ": ConfigMap key " + k + " looks like a secret; put it in the Secret"));
            }
        }
        assertTrue(secrets > 0, "the base carries a placeholder Secret");
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void placeholderCheckRefusesRealLookingValues() {
        assertTrue(isPlaceholder("CHANGE_ME"));
        assertTrue(isPlaceholder("Bearer CHANGE_ME"));
        for (String real : List.of("postgres", "Bearer s3cret", "CHANGE_ME_to_hunter2", "c2VjcmV0", "", "Bearer ")) {
            assertFalse(isPlaceholder(real), real);
        }
    }

    @Test
    void environmentNamesFollowSmallRyeConfig() {
        assertEquals("PULSE_INGEST_HEADER_VALUE", AppConfig.environmentName("pulse.ingest.header-value"));
        assertEquals("QUARKUS_DATASOURCE_REACTIVE_URL", AppConfig.environmentName("quarkus.datasource.reactive.url"));
    }

    // --- helpers -------------------------------------------------------------------------------------

    static boolean isPlaceholder(String value) {
        return PLACEHOLDER.matcher(value).matches();
    }

    /**
     * The variables the application container gets, each with where it is set: its own env, and
     * every key of the ConfigMaps and Secrets it takes whole (in the base or patched by an overlay).
     */
    private static Map<String, String> applicationEnvironment() {
        Map<String, String> variables = new LinkedHashMap<>();
        Set<String> configMaps = new HashSet<>();
        Set<String> secrets = new HashSet<>();
        for (Document doc : all) {
            if (doc.object() instanceof Deployment deployment && deployment.getSpec() != null
                    && deployment.getSpec().getTemplate() != null && deployment.getSpec().getTemplate().getSpec() != null) {
                for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                    if (!APP.equals(container.getName())) {
                        continue;
                    }
                    for (EnvVar env : nullSafe(container.getEnv())) {
                        variables.put(env.getName(), doc.where());
                    }
                    for (EnvFromSource from : nullSafe(container.getEnvFrom())) {
                        assertTrue(from.getPrefix() == null, "a prefix would change the names: " + doc.where());
                        if (from.getConfigMapRef() != null) {
                            configMaps.add(from.getConfigMapRef().getName());
                        }
                        if (from.getSecretRef() != null) {
                            secrets.add(from.getSecretRef().getName());
                        }
                    }
                }
            }
        }
        assertFalse(configMaps.isEmpty() && secrets.isEmpty() && variables.isEmpty(), "the application container sets no environment");
        for (String name : configMaps) {
            assertTrue(Manifests.find(base, ConfigMap.class, name).isPresent(), "envFrom ConfigMap " + name + " exists in the base");
        }
        for (String name : secrets) {
            assertTrue(Manifests.find(base, Secret.class, name).isPresent(), "envFrom Secret " + name + " exists in the base");
        }
        for (Document doc : all) {
            if (doc.object() instanceof ConfigMap config && configMaps.contains(config.getMetadata().getName()) && config.getData() != null) {
                config.getData().keySet().forEach(k -> variables.put(k, doc.where()));
            }
            if (doc.object() instanceof Secret secret && secrets.contains(secret.getMetadata().getName())) {
                if (secret.getStringData() != null) {
                    secret.getStringData().keySet().forEach(k -> variables.put(k, doc.where()));
                }
                if (secret.getData() != null) {
                    secret.getData().keySet().forEach(k -> variables.put(k, doc.where()));
                }
            }
        }
        return variables;
    }

    private static Container appContainer(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> APP.equals(c.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no container named " + APP));
    }

    private static Set<String> portNames(Container container) {
        return container.getPorts().stream().map(ContainerPort::getName).collect(Collectors.toSet());
    }

    private static void assertProbe(Probe probe, String expectedPath, ContainerPort expectedPort, String which) {
        assertNotNull(probe, which + " probe");
        HTTPGetAction get = probe.getHttpGet();
        assertNotNull(get, which + " probe is an HTTP GET");
        assertEquals(expectedPath, get.getPath(), which + " probe path");
        IntOrString port = get.getPort();
        boolean samePort = expectedPort.getName().equals(port.getStrVal()) || expectedPort.getContainerPort().equals(port.getIntVal());
        assertTrue(samePort, which + " probe port " + port + " is the " + expectedPort.getName() + " port");
    }

    private static Map<String, String> subset(Map<String, String> labels, Map<String, String> selector) {
        return labels.entrySet().stream().filter(e -> selector.containsKey(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static Set<String> referenced(Path kustomization) {
        JsonNode tree = Manifests.trees(kustomization).get(0);
        Set<String> references = new HashSet<>();
        tree.path("resources").forEach(r -> references.add(r.asText()));
        tree.path("patches").forEach(p -> {
            if (p.has("path")) {
                references.add(p.path("path").asText());
            }
        });
        tree.path("patchesStrategicMerge").forEach(p -> references.add(p.asText()));
        return references;
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> unknownFields(Object modelObject) {
        try {
            Method getter = modelObject.getClass().getMethod("getAdditionalProperties");
            Map<String, Object> fields = (Map<String, Object>) getter.invoke(modelObject);
            return fields == null ? new LinkedHashMap<>() : new LinkedHashMap<>(fields);
        } catch (NoSuchMethodException notAModelClass) {
            return new LinkedHashMap<>();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A misspelt field (readinessProbes, mountpath, ...) lands in additionalProperties instead of failing the parse. */
    private static void collectUnknownFields(String where, Object node, List<String> problems, boolean topLevel) {
        if (node == null) {
            return;
        }
        if (node instanceof Collection<?> items) {
            items.forEach(item -> collectUnknownFields(where, item, problems, false));
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.values().forEach(value -> collectUnknownFields(where, value, problems, false));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        if (!topLevel) {
            unknownFields(node).forEach((field, value) -> problems.add(where + ": unknown field " + field + " in "
                    + node.getClass().getSimpleName()));
        }
        for (Method getter : node.getClass().getMethods()) {
            boolean isGetter = getter.getName().startsWith("get") && getter.getParameterCount() == 0
                    && !Modifier.isStatic(getter.getModifiers()) && getter.getDeclaringClass() != Object.class
                    && !getter.getName().equals("getAdditionalProperties");
            if (isGetter) {
                try {
                    collectUnknownFields(where, getter.invoke(node), problems, false);
                } catch (ReflectiveOperationException e) {
                    fail(where + ": cannot read " + getter.getName() + ": " + e);
                }
            }
        }
    }
}
