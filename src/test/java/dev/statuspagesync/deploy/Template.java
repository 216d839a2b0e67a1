package dev.statuspagesync.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * template.yaml as CloudFormation reads it: the short-form tags ({@code !Ref X}, {@code !If [...]},
 * {@code !GetAtt A.B}) become their long forms ({@code {Ref: X}}, {@code {Fn::If: [...]}},
 * {@code {Fn::GetAtt: [A, B]}}), so tests can tell a reference from a literal.
 */
record Template(Map<String, Object> root) {

    static final Path FILE = Path.of("template.yaml");
    private static final List<String> FUNCTIONS = List.of("If", "Sub", "GetAtt", "Equals", "Not", "And", "Or",
            "Join", "Select", "Split", "FindInMap", "Base64", "Cidr", "GetAZs", "ImportValue");

    static Template load() {
        try (Reader reader = Files.newBufferedReader(FILE)) {
            Map<String, Object> root = new Yaml(new ShortForms()).load(reader);
            return new Template(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + FILE.toAbsolutePath(), e);
        }
    }

    Map<String, Object> parameters() {
        return map(root.get("Parameters"));
    }

    Map<String, Object> parameter(String name) {
        return map(parameters().get(name));
    }

    Map<String, Object> resources() {
        return map(root.get("Resources"));
    }

    Map<String, Object> resource(String name) {
        Object resource = resources().get(name);
        if (resource == null) {
            throw new AssertionError("template.yaml has no resource " + name);
        }
        return map(resource);
    }

    Map<String, Object> properties(String resource) {
        return map(resource(resource).get("Properties"));
    }

    Map<String, Object> conditions() {
        return map(root.get("Conditions"));
    }

    Map<String, Object> rules() {
        return map(root.get("Rules"));
    }

    Map<String, Object> outputs() {
        return map(root.get("Outputs"));
    }

    /** Resources of one type, by logical id. */
    Map<String, Map<String, Object>> resourcesOfType(String type) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        resources().forEach((id, resource) -> {
            if (type.equals(map(resource).get("Type"))) {
                found.put(id, map(resource));
            }
        });
        return found;
    }

    /** The default value of a parameter as a number. */
    long defaultNumber(String parameter) {
        return Long.parseLong(String.valueOf(parameter(parameter).get("Default")));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node) {
        if (!(node instanceof Map)) {
            throw new AssertionError("expected a mapping, found " + node);
        }
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node) {
        if (!(node instanceof List)) {
            throw new AssertionError("expected a list, found " + node);
        }
        return (List<Object>) node;
    }

    /** {@code {Ref: name}}. */
    static Map<String, Object> ref(String name) {
        return Map.of("Ref", name);
    }

    /** {@code {Fn::GetAtt: [resource, attribute]}}. */
    static Map<String, Object> getAtt(String resource, String attribute) {
        return Map.of("Fn::GetAtt", List.of(resource, attribute));
    }

    /** The single-key intrinsic of a node ({@code Ref}, {@code Fn::If}, ...), if it is one. */
    static Optional<Map.Entry<String, Object>> intrinsic(Object node) {
        if (node instanceof Map<?, ?> map && map.size() == 1) {
            var entry = map.entrySet().iterator().next();
            String key = String.valueOf(entry.getKey());
            if (key.equals("Ref") || key.equals("Condition") || key.startsWith("Fn::")) {
                return Optional.of(Map.entry(key, entry.getValue()));
            }
        }
        return Optional.empty();
    }

    /** Visits every node below {@code node}, itself included. */
    static void walk(Object node, Consumer<Object> visitor) {
        visitor.accept(node);
        if (node instanceof Map<?, ?> map) {
            map.values().forEach(value -> walk(value, visitor));
        } else if (node instanceof List<?> list) {
            list.forEach(value -> walk(value, visitor));
        }
    }

    /** Every value a node can take: the branches of {@code Fn::If}, followed down. */
    static List<Object> branches(Object node) {
        var intrinsic = intrinsic(node);
        if (intrinsic.isPresent() && intrinsic.get().getKey().equals("Fn::If")) {
            List<Object> arguments = list(intrinsic.get().getValue());
            List<Object> all = new ArrayList<>(branches(arguments.get(1)));
            all.addAll(branches(arguments.get(2)));
            return all;
        }
        return List.of(node);
    }

    /** Builds the long form of CloudFormation's short-form tags. */
    private static final class ShortForms extends SafeConstructor {

        ShortForms() {
            super(new LoaderOptions());
            yamlConstructors.put(new Tag("!Ref"), new LongForm("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new LongForm("Condition"));
            for (String function : FUNCTIONS) {
                yamlConstructors.put(new Tag("!" + function), new LongForm("Fn::" + function));
            }
        }

        private final class LongForm extends AbstractConstruct {
            private final String key;

            LongForm(String key) {
                this.key = key;
            }

            @Override
            public Object construct(Node node) {
                Object value;
                if (node instanceof ScalarNode scalar) {
                    String text = constructScalar(scalar);
                    value = key.equals("Fn::GetAtt") ? List.of(text.split("\\.", 2)) : text;
                } else if (node instanceof SequenceNode sequence) {
                    value = constructSequence(sequence);
                } else {
                    value = constructMapping((MappingNode) node);
                }
                return Map.of(key, value);
            }
        }
    }
}
