package io.campaignpulse.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** Every Kubernetes object under {@code k8s/}, read through fabric8's Kubernetes model. */
final class Manifests {

    static final Path ROOT = Path.of("k8s");
    static final Path BASE = ROOT.resolve("base");

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();

    /** One document of one file: its raw tree and the typed object fabric8 made of it. */
    record Document(Path file, int index, JsonNode raw, KubernetesResource object) {

        String where() {
            return file + (index > 0 ? " (document " + (index + 1) + ")" : "");
        }

        boolean isKind(Class<? extends HasMetadata> type, String name) {
            return type.isInstance(object) && name.equals(((HasMetadata) object).getMetadata().getName());
        }
    }

    private Manifests() {
    }

    static boolean isKustomization(Path file) {
        String name = file.getFileName().toString();
        return name.equals("kustomization.yaml") || name.equals("kustomization.yml");
    }

    static List<Path> yamlFiles(Path under) {
        try (Stream<Path> files = Files.walk(under)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<JsonNode> trees(Path file) {
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            List<JsonNode> result = new ArrayList<>();
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    result.add(doc);
                }
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Every Kubernetes object under the folder (kustomization files are not Kubernetes objects). */
    static List<Document> documents(Path under) {
        List<Document> result = new ArrayList<>();
        for (Path file : yamlFiles(under)) {
            if (isKustomization(file)) {
                continue;
            }
            List<JsonNode> trees = trees(file);
            for (int i = 0; i < trees.size(); i++) {
                KubernetesResource object = KUBERNETES.unmarshal(trees.get(i).toString(), KubernetesResource.class);
                result.add(new Document(file, i, trees.get(i), object));
            }
        }
        return result;
    }

    static <T extends HasMetadata> T one(List<Document> documents, Class<T> type, String name) {
        return find(documents, type, name).orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " named " + name + " in " + BASE));
    }

    static <T extends HasMetadata> Optional<T> find(List<Document> documents, Class<T> type, String name) {
        return documents.stream().filter(d -> d.isKind(type, name)).map(d -> type.cast(d.object())).findFirst();
    }
}
