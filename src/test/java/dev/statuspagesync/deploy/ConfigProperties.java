package dev.statuspagesync.deploy;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.statuspagesync.config.FlashdutyConfig;
import dev.statuspagesync.config.MetricsConfig;
import dev.statuspagesync.config.StatusPageConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * The configuration properties the function reads, found from its {@code @ConfigMapping} interfaces the way
 * SmallRye Config names them: prefix, then each method in kebab case, nested groups joined with dots.
 */
final class ConfigProperties {

    /** One property: whether it must be set (no default, not optional). */
    record Property(String name, boolean required) {

        /** The environment variable that sets it: upper case, every non-alphanumeric an underscore. */
        String environmentVariable() {
            return name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
        }
    }

    private ConfigProperties() {
    }

    /** Every property, by environment variable. */
    static Map<String, Property> byEnvironmentVariable() {
        Map<String, Property> all = new TreeMap<>();
        for (Class<?> mapping : new Class<?>[] { FlashdutyConfig.class, StatusPageConfig.class, MetricsConfig.class }) {
            collect(mapping.getAnnotation(ConfigMapping.class).prefix(), mapping, all);
        }
        return all;
    }

    private static void collect(String prefix, Class<?> group, Map<String, Property> into) {
        for (Method method : group.getMethods()) {
            if (Modifier.isStatic(method.getModifiers()) || method.isDefault() || method.getParameterCount() > 0) {
                continue;
            }
            WithName renamed = method.getAnnotation(WithName.class);
            String name = prefix + "." + (renamed != null ? renamed.value() : kebab(method.getName()));
            Class<?> type = method.getReturnType();
            if (type.isInterface() && type.getEnclosingClass() == group) {
                collect(name, type, into);
                continue;
            }
            boolean required = method.getAnnotation(WithDefault.class) == null && type != Optional.class;
            Property property = new Property(name, required);
            into.put(property.environmentVariable(), property);
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
